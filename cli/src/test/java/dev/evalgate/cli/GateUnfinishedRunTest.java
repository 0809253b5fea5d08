package dev.evalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** A killed run must not pass a build through 'evalgate gate' on the few cases it finished. */
class GateUnfinishedRunTest {
    @TempDir
    Path tmp;

    @Test
    void gatingAnUnfinishedRunIsRefusedUntilItIsResumed() throws IOException {
        CliFixture project = new CliFixture(tmp);
        assertThat(project.run("run", project.suite.toString(), "--quiet").code()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        // as a kill leaves it: one result on disk, the record still 'running'
        Path results = run.resolve(RunStore.RESULTS_FILE);
        Files.write(results, List.of(Files.readAllLines(results).get(0)));
        Path record = run.resolve(RunStore.RUN_FILE);
        Files.writeString(record, Files.readString(record).replace("\"completed\"", "\"running\""));

        CliFixture.Outcome gate = project.run("gate", run.toString());

        assertThat(gate.code()).as(gate.out() + gate.err()).isEqualTo(2);
        assertThat(gate.out()).doesNotContain("PASSED");
        assertThat(gate.err()).contains("run.json: field 'status'", "has not finished", "1 results stored",
                "evalgate run --resume");

        assertThat(project.run("run", "--resume", run.toString(), "--quiet").code()).isZero();
        assertThat(project.run("gate", run.toString()).code()).isZero();
    }
}
