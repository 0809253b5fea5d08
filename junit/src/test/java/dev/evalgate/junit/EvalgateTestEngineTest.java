package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.pipeline.PipelineResult;

class EvalgateTestEngineTest {
    @TempDir
    Path tmp;

    Path suite;

    @BeforeEach
    void writeProject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"input\": \"2+2?\"}",
                "{\"id\": \"b\", \"input\": \"Capital of France?\"}",
                "{\"id\": \"c\", \"input\": \"Say hi\"}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"Paris, of course\"}",
                "{\"id\": \"c\", \"output\": \"[\\\"hi\\\"]\"}", ""));
        Files.writeString(tmp.resolve("bundle.yaml"),
                "id: tiny\nversion: 1\nmodel: replay:outputs.jsonl\ntemplate: \"{{input}}\"\n");
        suite = tmp.resolve("tiny.suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: valid-json\n"
                + "output: runs\n");
    }

    @Test
    void aCaseTheGateToleratesIsAbortedWithTheScorersExplanationAndEachRuleIsATest() {
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .execute().testEvents();

        // 3 cases + the default policy's 3 rules; without a baseline the gate passes, so b's failure is tolerated
        tests.assertStatistics(stats -> stats.started(6).succeeded(3).aborted(3).failed(0));
        tests.assertThatEvents().haveExactly(1, event(test("case", "tiny/b"),
                abortedWithReason(message(m -> m.contains("tolerated by the gate") && m.contains("valid-json failed")))));
        tests.assertThatEvents().haveExactly(1, event(test("rule", "max_error_rate"), finishedSuccessfully()));
        tests.assertThatEvents().haveExactly(1, event(test("rule", "no_new_failures[tags=adversarial]"),
                abortedWithReason(message(m -> m.contains("was not checked")))));
        RunResult run = EvalgateTestEngine.lastRun(suite).orElseThrow();
        assertThat(run.directory()).startsWith(tmp.resolve("runs"));
        assertThat(run.directory().resolve("gate.json")).exists();
        RunResultAssert.assertThat(run).hasResults(3).hasNoErroredCases()
                .scorer("valid-json").hasPassRateAtLeast(0.66);
    }

    @Test
    void aFailingGateRuleIsRedAndSoAreTheCasesItDidNotTolerate() throws IOException {
        Files.writeString(suite, Files.readString(suite) + "gate:\n  min_pass_rate:\n    - {scorer: valid-json, min: 1.0}\n");
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("rule", "min_pass_rate[scorer=valid-json]"),
                finishedWithFailure(message(m -> m.contains("tiny/b")))));
        tests.assertThatEvents().haveExactly(1, event(test("case", "tiny/b"),
                finishedWithFailure(message(m -> m.contains("valid-json failed")))));
        tests.assertThatEvents().haveExactly(1, event(test("case", "tiny/a"), finishedSuccessfully()));
        assertThat(EvalgateTestEngine.lastResult(suite).orElseThrow().passed()).isFalse();
    }

    @Test
    void configurationKeysReachThePipeline() throws IOException {
        Files.writeString(suite, Files.readString(suite) + "tiers:\n  smoke: {sample: 2}\n");
        Path baseline = EvalgateTestKit.writingRunsTo(tmp.resolve("base")).run(suite).directory();
        Files.writeString(tmp.resolve("candidate.yaml"),
                "id: candidate\nversion: 2\nmodel: replay:outputs.jsonl\ntemplate: \"{{input}}\"\n");

        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.BASELINE, baseline.toString())
                .configurationParameter(EvalgateEngineConfig.REPEATS, "2")
                .configurationParameter(EvalgateEngineConfig.TIER, "smoke")
                .configurationParameter(EvalgateEngineConfig.RUNS_DIRECTORY, tmp.resolve("configured").toString())
                .configurationParameter(EvalgateEngineConfig.CACHE_MODE, "off")
                .configurationParameter(EvalgateEngineConfig.BUNDLE, tmp.resolve("candidate.yaml").toString())
                .execute().testEvents();

        PipelineResult result = EvalgateTestEngine.lastResult(suite).orElseThrow();
        assertThat(result.run().directory()).startsWith(tmp.resolve("configured"));
        assertThat(result.run().spec().repeats()).isEqualTo(2);
        assertThat(result.run().spec().bundle().id()).isEqualTo("candidate");
        assertThat(result.run().spec().selection().tier()).isEqualTo("smoke");
        assertThat(result.comparison()).isPresent();
        assertThat(result.comparison().get().baseline().runId()).isEqualTo(baseline.getFileName().toString());
        // 2 cases of the smoke tier and the 3 rules; with a baseline every rule is checked
        tests.assertStatistics(stats -> stats.started(5));
        tests.assertThatEvents().haveExactly(1, event(test("rule", "no_new_failures[tags=adversarial]"),
                finishedSuccessfully()));
    }

    @Test
    void aBadConfigurationValueFailsTheSuiteNamingTheKey() {
        Events containers = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.REPEATS, "many")
                .execute().containerEvents();
        containers.assertThatEvents().haveExactly(1,
                finishedWithFailure(message(m -> m.contains(EvalgateEngineConfig.REPEATS) && m.contains("many"))));
    }

    @Test
    void aMissingBaselineFailsTheRulesThatNeedIt() {
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.BASELINE, "no-such-baseline")
                .execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("rule", "no_new_failures[tags=adversarial]"),
                finishedWithFailure(message(m -> m.contains("no-such-baseline")))));
        // the gate failed, so b's failure is no longer tolerated
        tests.assertThatEvents().haveExactly(1, event(test("case", "tiny/b"), finishedWithFailure()));
    }

    @Test
    void aRunsDirectoryThatIsAFileIsNamedByItsConfigurationKeyNotByACommandLineFlag() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        Events containers = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.RUNS_DIRECTORY, file.resolve("runs").toString())
                .execute().containerEvents();
        containers.assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("field '" + EvalgateEngineConfig.RUNS_DIRECTORY + "'")
                        && m.contains("give " + EvalgateEngineConfig.RUNS_DIRECTORY + " a directory")
                        && !m.contains("--out") && !m.contains("runsDirectory"))));
    }

    @Test
    void aMissingBaselineIsAdvisedInConfigurationKeys() {
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.BASELINE, "main")
                .execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("rule", "no_new_failures[tags=adversarial]"),
                finishedWithFailure(message(m -> m.contains("no baseline 'main'")
                        && m.contains("or set " + EvalgateEngineConfig.BASELINE + " to a run directory")
                        && !m.contains("--baseline")))));
    }

    @Test
    void aTierThatSelectsNoCaseIsAdvisedInConfigurationKeys() throws IOException {
        Files.writeString(suite, Files.readString(suite) + "tiers:\n  nightly: {tags: [no-case-has-this]}\n");
        Events containers = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.TIER, "nightly")
                .execute().containerEvents();
        containers.assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("no cases selected to run: the " + EvalgateEngineConfig.TIER + " or "
                        + EvalgateEngineConfig.SHARD + " chosen leaves out all 3 cases")
                        && !m.contains("--tier") && !m.contains("--shard"))));
    }

    @Test
    void aDirectorySelectorFindsSuiteFiles() {
        EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectDirectory(tmp.toFile()))
                .execute().testEvents().assertStatistics(stats -> stats.started(6)); // 3 cases, 3 gate rules
    }

    @Test
    void aBrokenSuiteIsARedContainerNotAMissingOne() throws IOException {
        Files.writeString(suite, Files.readString(suite).replace("valid-json", "no-such-scorer"));
        Events containers = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                .selectors(selectFile(suite.toFile())).execute().containerEvents();
        containers.assertThatEvents().haveExactly(1,
                finishedWithFailure(message(m -> m.contains("unknown scorer 'no-such-scorer'"))));
    }

    @Test
    void aScorerThatThrowsOnEveryCaseFailsTheSuiteNamingTheScorerAsTheCommandLineDoes() throws IOException {
        Files.writeString(suite, Files.readString(suite).replace("valid-json", "always-throws"));
        Events containers = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                .selectors(selectFile(suite.toFile())).execute().containerEvents();
        containers.assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("scorer 'always-throws' failed on every case") && m.contains("the model answered")
                        && m.contains("cannot read its own parameters")
                        && !m.contains("every case errored"))));
    }

    @Test
    void runAssertionsNameTheFailingCases() {
        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite);
        assertThatThrownBy(() -> RunResultAssert.assertThat(run).hasPassRateAtLeast(0.9))
                .hasMessageContaining("66.7%").hasMessageContaining("tiny/b");
        assertThatThrownBy(() -> RunResultAssert.assertThat(run).scorer("nope"))
                .hasMessageContaining("no scorer named 'nope'");
    }
}
