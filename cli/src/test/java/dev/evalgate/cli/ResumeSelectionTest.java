package dev.evalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Finishing a run must not quietly change which cases it covers. */
class ResumeSelectionTest {
    @TempDir
    Path tmp;

    @Test
    void resumingWithANarrowerTierIsRefusedAndTheSameSelectionStillResumes() throws IOException {
        CliFixture project = new CliFixture(tmp);
        Files.writeString(project.suite, Files.readString(project.suite) + "tiers:\n  smoke: {tags: [math]}\n");
        assertThat(project.run("run", project.suite.toString(), "--quiet").code()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(project.root.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }

        CliFixture.Outcome narrower = project.run("run", project.suite.toString(), "--resume", run.toString(),
                "--tier", "smoke", "--quiet");

        assertThat(narrower.code()).as(narrower.err()).isEqualTo(2);
        assertThat(narrower.err()).contains("run.json", "field 'selection'",
                "the run was started with every case (no --tier, no --shard), not --tier smoke");
        assertThat(RunStore.read(run).results()).hasSize(3);
        assertThat(project.run("run", project.suite.toString(), "--resume", run.toString(), "--quiet").code())
                .isZero();
    }
}
