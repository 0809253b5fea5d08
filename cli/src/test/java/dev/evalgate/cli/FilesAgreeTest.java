package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** junit.xml, summary.md, gate.json, report.html and the exit code tell one story, and re-gating keeps history. */
class FilesAgreeTest {
    @TempDir
    Path tmp;

    @Test
    void aPassingGateHasNoRedJUnitAndTheGateIsATestOfItsOwn() throws Exception {
        CliFixture project = new CliFixture(tmp);
        // Case b fails the json scorer; the suite tolerates it.
        CliFixture.write(project.suite, CliFixture.read(project.suite)
                + "gate:\n  min_pass_rate:\n    - {scorer: json, min: 0.5}\n");

        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");
        Path run = runOf(outcome);

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        String junit = CliFixture.read(run.resolve("junit.xml"));
        assertThat(junit).doesNotContain("<failure", "<error").contains("failures=\"0\"", "skipped=\"1\"",
                "<skipped message=\"tolerated by the gate, which passed; failed: json",
                "name=\"gate min_pass_rate[scorer=json]\"", "name=\"gate max_error_rate\"",
                "<property name=\"gate.passed\" value=\"true\"");
        assertThat(Json.MAPPER.readValue(run.resolve("gate.json").toFile(), GateVerdict.class).passed()).isTrue();
        assertThat(CliFixture.read(run.resolve("summary.md"))).startsWith("## \u2705 evalgate: Gate passed");
        assertThat(CliFixture.read(run.resolve("report.html"))).contains("verdict-pass");

        // The same run with a stricter gate: red case, red gate rule, exit 1, and every file says so.
        CliFixture.write(project.suite, CliFixture.read(project.suite).replace("min: 0.5", "min: 0.9"));
        CliFixture.Outcome strict = project.run("run", project.suite.toString(), "--quiet");
        Path strictRun = runOf(strict);
        assertThat(strict.code()).isEqualTo(1);
        String strictJunit = CliFixture.read(strictRun.resolve("junit.xml"));
        assertThat(strictJunit).contains("type=\"evalgate.ScoreFailed\"", "type=\"evalgate.GateRuleBroken\"",
                "<property name=\"gate.passed\" value=\"false\"").doesNotContain("tolerated by the gate");
        assertThat(CliFixture.read(strictRun.resolve("summary.md"))).startsWith("## \u274C evalgate: Gate failed");
    }

    @Test
    void regatingAgainstABaselineWritesANewFileAndLeavesTheRunsOwnVerdict() throws Exception {
        CliFixture project = new CliFixture(tmp);
        CliFixture.Outcome first = project.run("run", project.suite.toString(), "--quiet");
        Path firstRun = runOf(first);
        assertThat(first.code()).isZero();
        // A later baseline in which the adversarial case passed... and the first run's case c fails: make c fail.
        CliFixture.write(tmp.resolve("outputs.jsonl"), CliFixture.read(tmp.resolve("outputs.jsonl"))
                .replace("{\\\"answer\\\": \\\"hi\\\"}", "hi"));
        CliFixture.Outcome second = project.run("run", project.suite.toString(), "--quiet");
        String ownVerdict = CliFixture.read(runOf(second).resolve("gate.json"));
        String ownSummary = CliFixture.read(runOf(second).resolve("summary.md"));
        assertThat(project.run("baseline", "promote", firstRun.toString(), "--name", "main").code()).isZero();

        CliFixture.Outcome regated = project.run("gate", runOf(second).toString(), "--baseline", "main");

        assertThat(regated.code()).isEqualTo(1);
        assertThat(regated.out()).contains("verdict: " + runOf(second).resolve("gate-main.json"));
        assertThat(CliFixture.read(runOf(second).resolve("gate.json"))).isEqualTo(ownVerdict);
        assertThat(CliFixture.read(runOf(second).resolve("summary.md"))).isEqualTo(ownSummary);
        assertThat(Json.MAPPER.readValue(runOf(second).resolve("gate-main.json").toFile(), GateVerdict.class)
                .passed()).isFalse();
        assertThat(runOf(second).resolve("comparison-main.json")).isRegularFile();
        assertThat(CliFixture.read(runOf(second).resolve("gate-main/summary.md")))
                .startsWith("## \u274C evalgate: Gate failed");
    }

    @Test
    void compareFailsOnAWorseCandidateWhenAsked() {
        Path suite = twelveCaseProject();
        String[] base = {"compare", tmp.resolve("v1.yaml").toString(), tmp.resolve("v2.yaml").toString(),
            "--suite", suite.toString(), "--quiet"};

        CliFixture.Outcome plain = CliFixture.runCli(base);
        assertThat(plain.code()).as(plain.out() + plain.err()).isZero();
        assertThat(plain.out()).contains("worse (real");

        CliFixture.Outcome failing = CliFixture.runCli(concat(base, "--fail-on", "worse"));
        assertThat(failing.code()).isEqualTo(1);
        assertThat(failing.out()).contains("compare: FAILED (--fail-on worse)");

        // The other way round the candidate is better: nothing to fail on.
        CliFixture.Outcome better = CliFixture.runCli("compare", tmp.resolve("v2.yaml").toString(),
                tmp.resolve("v1.yaml").toString(), "--suite", suite.toString(), "--quiet", "--fail-on", "regressed");
        assertThat(better.code()).as(better.out()).isZero();
    }

    /** Twelve cases; v1 answers each in JSON, v2 in plain text, so v2 is significantly worse on the json scorer. */
    private Path twelveCaseProject() {
        List<String> cases = new ArrayList<>();
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cases.add("{\"id\": \"q" + i + "\", \"input\": {\"question\": \"Question " + i + "?\"}}");
            good.add("{\"id\": \"q" + i + "\", \"output\": \"{\\\"answer\\\": " + i + "}\"}");
            bad.add("{\"id\": \"q" + i + "\", \"output\": \"the answer is " + i + "\"}");
        }
        CliFixture project = new CliFixture(tmp);
        CliFixture.write(project.corpus.resolve("cases.jsonl"), String.join("\n", cases) + "\n");
        project.freeze();
        CliFixture.write(tmp.resolve("good.jsonl"), String.join("\n", good) + "\n");
        CliFixture.write(tmp.resolve("bad.jsonl"), String.join("\n", bad) + "\n");
        String bundle = CliFixture.read(project.bundle);
        CliFixture.write(tmp.resolve("v1.yaml"), bundle.replace("replay:outputs.jsonl", "replay:good.jsonl"));
        CliFixture.write(tmp.resolve("v2.yaml"), bundle.replace("replay:outputs.jsonl", "replay:bad.jsonl")
                .replace("version: 1.0.0", "version: 2.0.0"));
        return project.suite;
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static Path runOf(CliFixture.Outcome outcome) {
        return Path.of(outcome.out().lines().filter(l -> l.strip().startsWith("results: ")).findFirst()
                .orElseThrow(() -> new AssertionError(outcome.out() + outcome.err())).strip()
                .substring("results: ".length()));
    }
}
