package dev.evalgate.engine.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.compare.SyntheticRuns;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineStoreTest {
    @TempDir
    Path dir;

    @Test
    void promotesARunAsPlainFilesAndReadsItBackByNameOrDirectory() throws IOException {
        Path run = writeRun("runs/r1", "r1", RunRecord.COMPLETED, true);
        BaselineStore store = BaselineStore.nextTo(dir.resolve("suite.yaml"));

        Path stored = store.promote(run, "main");

        assertThat(stored).isEqualTo(dir.resolve("baselines/main"));
        assertThat(Files.readString(stored.resolve(RunStore.RESULTS_FILE)))
                .isEqualTo(Files.readString(run.resolve(RunStore.RESULTS_FILE)));
        assertThat(store.names()).containsExactly("main");
        RunResult byName = store.read("main");
        assertThat(byName.spec().runId()).isEqualTo("r1");
        assertThat(byName.results()).extracting(CaseResult::caseId).containsExactly("a", "b");
        assertThat(store.read(run.toString()).spec().runId()).isEqualTo("r1");
        try (var files = Files.list(dir.resolve("baselines"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("main");
        }
    }

    @Test
    void promotingAgainReplacesTheBaseline() throws IOException {
        BaselineStore store = new BaselineStore(dir.resolve("store"));
        store.promote(writeRun("runs/r1", "r1", RunRecord.COMPLETED, true), "main");
        store.promote(writeRun("runs/r2", "r2", RunRecord.COMPLETED, false), "main");

        RunResult main = store.read("main");
        assertThat(main.spec().runId()).isEqualTo("r2");
        assertThat(main.results()).allMatch(r -> !r.passed());
    }

    @Test
    void refusesAnUnfinishedRunABadNameAndAMissingBaseline() throws IOException {
        BaselineStore store = new BaselineStore(dir.resolve("store"));
        Path running = writeRun("runs/r3", "r3", RunRecord.RUNNING, true);

        assertThatThrownBy(() -> store.promote(running, "main")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has not finished").hasMessageContaining("resume(" + running + ")");
        assertThatThrownBy(() -> store.promote(running, "../escape")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'baseline name'")
                .isInstanceOfSatisfying(AdvisedInputException.class,
                        e -> assertThat(e.setting()).contains(Setting.BASELINE_NAME));
        assertThatThrownBy(() -> store.read("main")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no baseline 'main'")
                .hasMessageContaining("Promote a run first: BaselineStore.promote(RUN_DIR, \"main\")");
        Path notARun = Files.createDirectories(dir.resolve("somewhere/else"));
        assertThatThrownBy(() -> store.read(notARun.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'baseline'").hasMessageContaining("is not a run directory")
                .hasMessageNotContaining("promote")
                .isInstanceOfSatisfying(AdvisedInputException.class,
                        e -> assertThat(e.setting()).contains(Setting.BASELINE));
    }

    private Path writeRun(String relative, String runId, String status, boolean pass)
            throws IOException {
        Path runDir = dir.resolve(relative);
        List<CaseResult> results = List.of(SyntheticRuns.result("a", 0, pass), SyntheticRuns.result("b", 0, pass));
        RunResult run = SyntheticRuns.run(runId, results);
        try (RunStore store = RunStore.create(runDir)) {
            store.writeRecord(new RunRecord(run.spec(), status, RunSummary.of(results, 0, 0)));
            results.forEach(store::append);
        }
        return runDir;
    }
}
