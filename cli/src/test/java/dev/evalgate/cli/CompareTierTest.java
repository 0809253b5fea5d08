package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.RunStore;

/** {@code compare --tier} runs the tier's cases and both runs record that tier, as {@code run --tier} does. */
class CompareTierTest {
    @TempDir
    Path tmp;

    @Test
    void bothRunsOfATierComparisonRecordTheTier() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "tiers:\n  smoke: {tags: [math]}\n  full: {}\n");
        Path candidate = project.root.resolve("bundle-v2.yaml");
        CliFixture.write(candidate, CliFixture.read(project.bundle).replace("version: 1.0.0", "version: 2.0.0"));

        CliFixture.Outcome outcome = CliFixture.runCli("compare", project.bundle.toString(), candidate.toString(),
                "--suite", project.suite.toString(), "--tier", "smoke", "--out", tmp.resolve("runs").toString(),
                "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            runs = dirs.toList();
        }
        assertThat(runs).hasSize(2).allSatisfy(run -> {
            assertThat(RunStore.read(run).results()).extracting(r -> r.caseId()).containsExactly("a");
            assertThat(RunStore.readRecord(run).spec().selection().tier()).isEqualTo("smoke");
        });
    }
}
