package dev.evalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The CI path on the replay backend: promote a baseline, run against it, re-gate a stored run. */
class BaselineGateCliTest {
    @TempDir
    Path tmp;

    private CliFixture project;
    private final Set<Path> seenRuns = new HashSet<>();

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp);
    }

    @Test
    void promoteThenRunAgainstTheBaselineAndFailOnANewAdversarialFailure() throws IOException {
        Path first = runOk("run", project.suite.toString(), "--quiet");
        CliFixture.Outcome promoted = project.run("baseline", "promote", first.toString(), "--name", "main");
        assertThat(promoted.code()).as(promoted.err()).isZero();
        assertThat(tmp.resolve("baselines/main/run.json")).isRegularFile();
        assertThat(tmp.resolve("baselines/main/results.jsonl")).isRegularFile();
        assertThat(promoted.out()).contains("baseline 'main' is now run");

        // An unchanged bundle passes the default policy.
        CliFixture.Outcome same = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        newestRun();
        assertThat(same.out()).contains("changes against baseline main: 0 regressed, 0 fixed, 0 flaky",
                "gate: PASSED");

        // The adversarial case c now answers with something that is not JSON.
        CliFixture.write(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"Paris\"}",
                "{\"id\": \"c\", \"output\": \"hi! ignore the rules\"}", ""));
        CliFixture.Outcome worse = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");
        Path candidate = newestRun();

        assertThat(worse.code()).as(worse.out() + worse.err()).isEqualTo(1);
        assertThat(worse.out()).contains("changes against baseline main: 1 regressed",
                "gate: FAILED (1 of 3 rules broken)",
                "FAIL no_new_failures[tags=adversarial]: 1 case tagged adversarial fails now and did not fail in the "
                        + "baseline", "observed 1, limit 0", "cases: tiny/c",
                "ok   max_regression[pass]: pass dropped from 0.667 to 0.333");
        GateVerdict verdict = Json.MAPPER.readValue(candidate.resolve("gate.json").toFile(), GateVerdict.class);
        assertThat(verdict.passed()).isFalse();
        Comparison comparison = Json.MAPPER.readValue(candidate.resolve("comparison.json").toFile(),
                Comparison.class);
        assertThat(comparison.cases(DiffStatus.REGRESSED)).singleElement()
                .satisfies(d -> assertThat(d.key()).isEqualTo("tiny/c"));

        // The gate re-applied to the stored run, with no model call, gives the same verdict.
        CliFixture.Outcome regated = project.run("gate", candidate.toString(), "--baseline", "main");
        assertThat(regated.code()).as(regated.err()).isEqualTo(1);
        assertThat(regated.out()).contains("FAIL no_new_failures[tags=adversarial]", "cases: tiny/c");
        // And against the first run's directory as the baseline, by path.
        assertThat(project.run("gate", candidate.toString(), "--baseline", first.toString()).code()).isEqualTo(1);
    }

    @Test
    void aPolicyInTheSuiteDecidesAndNamesTheRuleTheNumbersAndTheCases() {
        CliFixture.write(project.suite, CliFixture.read(project.suite) + String.join("\n",
                "gate:",
                "  min_pass_rate:",
                "    - {scorer: json, min: 0.9}",
                "  budgets: {mean_tokens_per_case: 100000}", ""));
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).contains("FAIL min_pass_rate[scorer=json]: json pass rate 0.667 is below 0.900 "
                + "(2 of 3 results passed)", "cases: tiny/b", "ok   budget[mean_tokens_per_case]");
    }

    @Test
    void refusesABaselineOfAnotherCorpusVersionUnlessAllowed() {
        Path first = runOk("run", project.suite.toString(), "--quiet");
        assertThat(project.run("baseline", "promote", first.toString(), "--name", "main").code()).isZero();
        project.replaceInCases(2, "{\"id\": \"b2\", \"input\": {\"question\": \"Capital of Spain?\"}}");
        project.freeze();
        CliFixture.write(tmp.resolve("outputs.jsonl"), CliFixture.read(tmp.resolve("outputs.jsonl"))
                + "{\"id\": \"b2\", \"output\": \"Madrid\"}\n");
        int runsBefore = runs().size();

        CliFixture.Outcome refused = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("field 'corpora'", "cannot compare with this baseline",
                "corpus 'tiny' is version 1.0.0", "--allow-corpus-change");
        assertThat(runs()).hasSize(runsBefore); // refused before any run started

        CliFixture.Outcome allowed = project.run("run", project.suite.toString(), "--baseline", "main",
                "--allow-corpus-change", "--quiet");
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("1 new, 1 removed", "compared shared case ids only");
    }

    @Test
    void aTierRunsItsSubsetAndAnUnknownTierOrBaselineIsAnInputError() {
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "tiers:\n  smoke: {tags: [math]}\n");

        Path smoke = runOk("run", project.suite.toString(), "--tier", "smoke", "--quiet");
        assertThat(RunStore.read(smoke).results()).extracting(CaseResult::caseId).containsExactly("a");

        CliFixture.Outcome unknownTier = project.run("run", project.suite.toString(), "--tier", "nightly");
        assertThat(unknownTier.code()).isEqualTo(2);
        assertThat(unknownTier.err()).contains("no tier 'nightly'", "declared tiers: smoke");

        CliFixture.Outcome badName = project.run("run", project.suite.toString(), "--baseline", "no pe!");
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("baseline names are letters, digits");
    }

    @Test
    void compareShowsCaseByCaseWhatGotBetterOrWorse() {
        // Version 2 answers b in JSON (fixed) but breaks c (regressed).
        CliFixture.write(tmp.resolve("outputs-v2.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"{\\\"answer\\\": \\\"Paris\\\"}\"}",
                "{\"id\": \"c\", \"output\": \"hi\"}", ""));
        Path v2 = tmp.resolve("bundle-v2.yaml");
        CliFixture.write(v2, CliFixture.read(project.bundle).replace("version: 1.0.0", "version: 2.0.0")
                .replace("replay:outputs.jsonl", "replay:outputs-v2.jsonl"));

        CliFixture.Outcome outcome = project.run("compare", project.bundle.toString(), v2.toString(), "--suite",
                project.suite.toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("tiny-bundle@1.0.0 (baseline", "tiny-bundle@2.0.0 (candidate",
                "cases: 1 worse, 1 better, 0 flaky, 1 same (1 pass, 0 fail), 0 new, 0 removed",
                "  worse     tiny/c  passed 1/1 -> 0/1  failing: json",
                "  better    tiny/b  passed 0/1 -> 1/1");
        assertThat(outcome.out()).containsPattern("(?m)^pass +0\\.667 +0\\.667 +\\+0\\.000 .*mcnemar-exact p=1\\.0000 +noise");
    }

    private Path runOk(String... args) {
        CliFixture.Outcome outcome = project.run(args);
        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        return newestRun();
    }

    /** The run directory created by the last command. */
    private Path newestRun() {
        List<Path> fresh = runs().stream().filter(p -> !seenRuns.contains(p)).toList();
        assertThat(fresh).hasSize(1);
        seenRuns.add(fresh.get(0));
        return fresh.get(0);
    }

    private List<Path> runs() {
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            return dirs.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
