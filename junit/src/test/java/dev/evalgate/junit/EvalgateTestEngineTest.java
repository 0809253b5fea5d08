package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
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
    void eachCaseIsATestThatFailsWithTheScorersExplanation() {
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("case", "tiny/b"),
                finishedWithFailure(message(m -> m.contains("valid-json failed")))));
        RunResult run = EvalgateTestEngine.lastRun(suite).orElseThrow();
        assertThat(run.directory()).startsWith(tmp.resolve("runs"));
        RunResultAssert.assertThat(run).hasResults(3).hasNoErroredCases()
                .scorer("valid-json").hasPassRateAtLeast(0.66);
    }

    @Test
    void aDirectorySelectorFindsSuiteFiles() {
        EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectDirectory(tmp.toFile()))
                .execute().testEvents().assertStatistics(stats -> stats.started(3));
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
    void runAssertionsNameTheFailingCases() {
        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite);
        assertThatThrownBy(() -> RunResultAssert.assertThat(run).hasPassRateAtLeast(0.9))
                .hasMessageContaining("66.7%").hasMessageContaining("tiny/b");
        assertThatThrownBy(() -> RunResultAssert.assertThat(run).scorer("nope"))
                .hasMessageContaining("no scorer named 'nope'");
    }
}
