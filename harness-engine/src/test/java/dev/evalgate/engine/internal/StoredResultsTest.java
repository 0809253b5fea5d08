package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.SyntheticRuns;

class StoredResultsTest {
    @TempDir
    Path dir;

    /** Results long enough that a few hundred span several of the list's read windows. */
    private static List<CaseResult> results(int n) {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CaseResult r = SyntheticRuns.result(SyntheticRuns.id(i), 0, i % 3 != 0);
            results.add(new CaseResult(r.corpus(), r.caseId(), r.repeat(), r.traceId(), r.tags(), r.prompt(),
                    "output " + i + " " + "x".repeat(i * 7 % 2_000), false, r.stats(), r.scores(), r.error(), 0,
                    false));
        }
        return results;
    }

    private StoredResults written(List<CaseResult> results, long budget) {
        StoredResults.Builder lines = new StoredResults.Builder(dir.resolve("run").resolve(RunStore.RESULTS_FILE),
                results.size(), budget);
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            for (CaseResult r : results) {
                lines.add(store.appendBuffered(r));
            }
        }
        return lines.build();
    }

    @Test
    void withNothingKeptEveryResultIsReadBackFromItsLine() {
        List<CaseResult> expected = results(600);
        StoredResults stored = written(expected, 0);

        assertThat(stored).hasSize(600).containsExactlyElementsOf(expected);
        assertThat(stored.get(599)).isEqualTo(expected.get(599));
        assertThat(stored.get(3)).isEqualTo(expected.get(3)); // back again, out of order
    }

    @Test
    void twoThreadsWalkingTheListAtOnceEachReadTheRunInOrder() {
        List<CaseResult> expected = results(800);
        StoredResults stored = written(expected, 0);

        CompletableFuture<List<CaseResult>> other = CompletableFuture.supplyAsync(() -> new ArrayList<>(stored));
        List<CaseResult> here = new ArrayList<>();
        for (int i = stored.size() - 1; i >= 0; i--) {
            here.add(0, stored.get(i));
        }

        assertThat(here).containsExactlyElementsOf(expected);
        assertThat(other.join()).containsExactlyElementsOf(expected);
    }

    @Test
    void aRunReadBackKeepsItsResultsOnDiskAndEqualsWhatWasWritten() {
        List<CaseResult> expected = results(300);
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            store.writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.COMPLETED, null));
            expected.forEach(store::append);
        }

        RunResult run = RunStore.read(dir.resolve("run"));

        assertThat(run.results()).isInstanceOf(StoredResults.class).containsExactlyElementsOf(expected);
        assertThat(run.summary().results()).isEqualTo(300);
        assertThat(run.summary().passed()).isEqualTo(200);
    }

    @Test
    void aResultsFileCutShortAfterItWasReadIsReportedWithItsName() throws IOException {
        StoredResults stored = written(results(50), 0);
        Path file = dir.resolve("run").resolve(RunStore.RESULTS_FILE);
        Files.write(file, new byte[0]);

        assertThatThrownBy(() -> stored.get(40)).hasMessageContaining(file.toString())
                .hasMessageContaining("shorter than when it was read");
    }
}
