package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main command, run in-process on the shipped quickstart with the shared embedded model. */
class QuickstartTest {
    @TempDir
    Path tmp;

    @Test
    void theQuickstartRunsEndToEndOnTheEmbeddedModel() throws Exception {
        Path suite = Path.of("..", "examples", "quickstart", "suite.yaml");
        CliFixture.Outcome outcome = CliFixture.runCli("run", suite.toString(),
                "--model", SharedModelFile.path().toString(), "--out", tmp.resolve("runs").toString(), "--quiet",
                "--no-cache");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        Path runDir;
        try (var dirs = Files.list(tmp.resolve("runs"))) {
            runDir = dirs.findFirst().orElseThrow();
        }
        RunResult run = RunStore.read(runDir);
        assertThat(run.results()).hasSize(24);
        assertThat(run.results()).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.output()).isNotBlank();
            assertThat(r.stats().completionTokens()).isPositive();
        });
        assertThat(run.spec().model().backend()).isEqualTo("llamacpp");
        assertThat(run.spec().model().fingerprint())
                .isEqualTo("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");
        assertThat(run.spec().bundleDigest()).hasSize(64);
        assertThat(run.spec().corpora()).singleElement().satisfies(c -> assertThat(c.cases()).isEqualTo(24));
        assertThat(run.summary().tokensPerSecond()).isPositive();
        for (String report : new String[] {"report.html", "report.json", "junit.xml", "summary.md"}) {
            assertThat(runDir.resolve(report)).isNotEmptyFile();
        }
        assertThat(outcome.out()).contains("24 results").contains("tokens/s");
    }
}
