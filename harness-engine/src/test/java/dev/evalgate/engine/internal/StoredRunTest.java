package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.compare.SyntheticRuns;
import dev.evalgate.engine.pipeline.StoredRun;

class StoredRunTest {
    @TempDir
    Path tmp;

    @Test
    void aGateRefusesAnUnfinishedRunAndAReportSaysHowMuchItHolds() {
        Path dir = tmp.resolve("run-1");
        try (RunStore store = RunStore.create(dir)) {
            store.writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.RUNNING, null));
            store.append(SyntheticRuns.result("a", 0, true));
        }

        StoredRun unfinished = StoredRun.read(dir);

        assertThat(unfinished.finished()).isFalse();
        assertThat(WordingTest.MARKED.message(catchThrowable(unfinished::requireFinished))).isEqualTo(
                dir.resolve(RunStore.RUN_FILE) + ": field 'status': the run has not finished (status 'running', 1"
                        + " results stored); finish it with <RESUME=" + dir + "> before gating it");
        assertThat(unfinished.unfinished()).hasValueSatisfying(note -> assertThat(note.render(WordingTest.MARKED))
                .startsWith("this run is unfinished (1 of up to ")
                .endsWith("results); the reports cover only those. Finish it with <RESUME=" + dir + ">"));

        try (RunStore store = RunStore.resume(dir)) {
            store.writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.COMPLETED, null));
        }
        StoredRun finished = StoredRun.read(dir);
        assertThat(finished.requireFinished().results()).hasSize(1);
        assertThat(finished.unfinished()).isEmpty();
    }
}
