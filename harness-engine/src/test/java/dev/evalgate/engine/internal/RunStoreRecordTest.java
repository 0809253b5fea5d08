package dev.evalgate.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunRecord;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a user sees when the path given as a run (--resume, gate, report, baseline promote) is not one. */
class RunStoreRecordTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryWithoutARunRecordIsNotARun() {
        assertThatThrownBy(() -> RunStore.readRecord(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a run directory");
    }

    @Test
    void aRunCannotBeCreatedUnderAFileNorOverAnotherRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> RunStore.create(file.resolve("run-1"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("afile").hasMessageContaining("field 'runsDirectory'")
                .hasMessageContaining("give runsDirectory a directory");
        assertThatThrownBy(() -> RunStore.create(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("give runsDirectory a directory");

        Path run = tmp.resolve("run-2");
        RunStore.create(run).writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.RUNNING, null));
        assertThatThrownBy(() -> RunStore.create(run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a run already exists here; choose another runsDirectory (an unfinished run is"
                        + " finished with resume(" + run + "))");
    }

    @Test
    void aFileGivenAsTheRunIsAnInputErrorNotAnIoFailure() throws IOException {
        Path suite = Files.writeString(tmp.resolve("suite.yaml"), "name: s\n");

        assertThatThrownBy(() -> RunStore.readRecord(suite)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("suite.yaml").hasMessageContaining("not a run directory but a file");
        assertThatThrownBy(() -> RunStore.read(suite)).isInstanceOf(InvalidInputException.class);
    }
}
