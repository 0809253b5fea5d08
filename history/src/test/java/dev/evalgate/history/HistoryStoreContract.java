package dev.evalgate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.gate.GateVerdict;

/** What every history store must do, whatever database holds it. */
abstract class HistoryStoreContract {
    abstract HistoryLocation location();

    @TempDir
    Path runs;

    HistoryStore open() {
        return HistoryStore.open(location());
    }

    @Test
    void migratesOnceAndRecordsTheSchemaVersion() {
        try (HistoryStore store = open()) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT);
        }
        try (HistoryStore again = open()) {
            assertThat(again.schemaVersion()).isEqualTo(Schema.CURRENT);
            assertThat(again.queries().query("SELECT COUNT(*) FROM history_migrations", List.of(),
                    r -> r.getInt(1))).containsExactly(Schema.MIGRATIONS.size());
        }
    }

    @Test
    void recordsRunMetadataMetricsWithIntervalsAndEveryCase() {
        RunResult run = HistoryFixtures.run(1, 50, HistoryFixtures.Shape.of(0.8), 7);
        try (HistoryStore store = open()) {
            store.recorder().record(run, GateVerdict.of(List.of(), List.of(), List.of()),
                    new GitInfo("0123abc", "main"));
            RunEntry entry = store.queries().run("run-0001").orElseThrow();
            assertThat(entry.suite()).isEqualTo(HistoryFixtures.SUITE);
            assertThat(entry.bundle()).isEqualTo("support-bot@1.4.0");
            assertThat(entry.bundleDigest()).isEqualTo(run.spec().bundleDigest());
            assertThat(entry.modelFingerprint()).isEqualTo("sha256:model-a");
            assertThat(entry.corpusVersions()).isEqualTo("support@1.0.0");
            assertThat(entry.gitCommit()).isEqualTo("0123abc");
            assertThat(entry.gitBranch()).isEqualTo("main");
            assertThat(entry.gatePassed()).isTrue();
            assertThat(entry.results()).isEqualTo(50);
            assertThat(entry.passed()).isEqualTo(run.summary().passed());

            MetricPoint pass = store.queries().series(RunFilter.ALL, RunMetrics.PASS).get(0);
            assertThat(pass.value().value()).isEqualTo(run.summary().passRate());
            assertThat(pass.value().lower()).isLessThan(pass.value().value());
            assertThat(pass.value().upper()).isGreaterThan(pass.value().value());
            MetricPoint rouge = store.queries().series(RunFilter.ALL, "rouge").get(0);
            assertThat(rouge.value().hasInterval()).isTrue();
            assertThat(store.queries().metricNames(RunFilter.ALL)).startsWith(RunMetrics.PASS)
                    .contains("contains", "contains.pass_rate", "rouge", RunMetrics.LATENCY_P95);
            assertThat(store.queries().caseValues("run-0001", HistoryQueries.CaseValue.OUTPUT_CHARS)).hasSize(50);
            assertThat(store.queries().scoreValues("run-0001", "rouge")).hasSize(50);
        }
    }

    @Test
    void answersWhenACaseStartedFailingInOneQuery() {
        try (HistoryStore store = open()) {
            // case-00003 passes in runs 1-3, fails in 4, passes in 5, fails from 6 on.
            boolean[] passes = {true, true, true, false, true, false, false, false};
            for (int i = 0; i < passes.length; i++) {
                store.recorder().record(withCase(HistoryFixtures.run(i + 1, 10, HistoryFixtures.Shape.of(1), 3),
                        "case-00003", passes[i], "output of run " + (i < 5 ? "early" : "late")), null, GitInfo.NONE);
            }
            assertThat(store.queries().failingSince(HistoryFixtures.SUITE, "support/case-00003"))
                    .map(RunEntry::runId).contains("run-0006");
            assertThat(store.queries().failingSince(HistoryFixtures.SUITE, "case-00001")).isEmpty();

            List<CaseEntry> history = store.queries().caseHistory(RunFilter.ALL, "case-00003");
            assertThat(history).extracting(CaseEntry::passed).containsExactly(true, true, true, false, true, false,
                    false, false);
            assertThat(history.get(4).outputSha256()).isNotEqualTo(history.get(5).outputSha256());
            assertThat(history.get(5).output()).isEqualTo("output of run late");
            assertThat(history.get(0).scores()).containsKeys("contains", "rouge");
        }
    }

    @Test
    void keepsHostileTextIntactAndCapsLongOutputs() {
        String hostile = "<script>alert(1)</script>\u0000'; DROP TABLE runs; --" + "x".repeat(10_000);
        try (HistoryStore store = open()) {
            RunResult run = withCase(HistoryFixtures.run(1, 3, HistoryFixtures.Shape.of(1), 1), "case-00001", false,
                    hostile);
            store.recorder().record(run, null, GitInfo.NONE);
            CaseEntry entry = store.queries().caseHistory(RunFilter.ALL, "case-00001").get(0);
            assertThat(entry.output()).hasSize(RunRecorder.MAX_OUTPUT_CHARS)
                    .startsWith("<script>alert(1)</script>\uFFFD'; DROP TABLE runs; --");
            assertThat(entry.outputChars()).isEqualTo(hostile.length());
            assertThat(store.queries().runs(RunFilter.ALL)).hasSize(1);
        }
    }

    @Test
    void recordingARunAgainReplacesIt() {
        try (HistoryStore store = open()) {
            RunResult partial = HistoryFixtures.run(1, 5, HistoryFixtures.Shape.of(1), 1);
            store.recorder().record(partial, null, GitInfo.NONE);
            RunResult whole = HistoryFixtures.run(1, 20, HistoryFixtures.Shape.of(1), 1);
            store.recorder().record(whole, null, GitInfo.NONE);
            assertThat(store.queries().runs(RunFilter.ALL)).singleElement()
                    .satisfies(r -> assertThat(r.results()).isEqualTo(20));
            assertThat(store.queries().caseValues("run-0001", HistoryQueries.CaseValue.LATENCY_MS)).hasSize(20);
        }
    }

    @Test
    void filtersAndLimitsRunsOldestFirst() {
        try (HistoryStore store = open()) {
            for (int i = 1; i <= 6; i++) {
                HistoryFixtures.Shape shape = new HistoryFixtures.Shape(0.9, 100, i <= 3 ? "sha256:a" : "sha256:b",
                        "1.0.0");
                store.recorder().record(HistoryFixtures.run(i, 4, shape, 1), null,
                        new GitInfo("c" + i, i % 2 == 0 ? "main" : "feature"));
            }
            assertThat(store.queries().runs(RunFilter.ALL.withLimit(3))).extracting(RunEntry::runId)
                    .containsExactly("run-0004", "run-0005", "run-0006");
            assertThat(store.queries().runs(new RunFilter(null, "main", null, null, 0))).extracting(RunEntry::runId)
                    .containsExactly("run-0002", "run-0004", "run-0006");
            assertThat(store.queries().runs(new RunFilter(null, null, "sha256:a", null, 0))).hasSize(3);
            assertThat(store.queries().requireRun("run-0003").runId()).isEqualTo("run-0003");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.queries().requireRun("run-000"))
                    .hasMessageContaining("matches 6 runs");
        }
    }

    @Test
    void aRecordedRunComparesLikeItsDirectory() {
        RunResult base = HistoryFixtures.run(1, 40, HistoryFixtures.Shape.of(0.9), 5);
        RunResult cand = HistoryFixtures.run(2, 40, HistoryFixtures.Shape.of(0.5), 5);
        try (HistoryStore store = open()) {
            store.recorder().record(base, null, GitInfo.NONE);
            store.recorder().record(cand, null, GitInfo.NONE);
            Comparison fromStore = new RunComparator().compare(StoredRuns.load(store.queries(), "run-0001"),
                    StoredRuns.load(store.queries(), "run-0002"));
            Comparison direct = new RunComparator().compare(base, cand);
            assertThat(fromStore.caseDiffs()).extracting(d -> d.key() + "=" + d.status())
                    .containsExactlyInAnyOrderElementsOf(direct.caseDiffs().stream()
                            .map(d -> d.key() + "=" + d.status()).toList());
            assertThat(fromStore.caseDiffs()).anyMatch(d -> d.status() == DiffStatus.REGRESSED);
            assertThat(fromStore.metricDeltas().get(0).test().pValue())
                    .isEqualTo(direct.metricDeltas().get(0).test().pValue());
        }
    }

    @Test
    void importsRunDirectoriesOnceAndReportsUnreadableOnes() throws Exception {
        for (int i = 1; i <= 3; i++) {
            HistoryFixtures.writeRunDirectory(runs, HistoryFixtures.run(i, 8, HistoryFixtures.Shape.of(0.7), 2));
        }
        Files.createDirectories(runs.resolve("broken"));
        Files.writeString(runs.resolve("broken").resolve("run.json"), "{ not json");
        Files.writeString(runs.resolve("notes.txt"), "not a run");
        try (HistoryStore store = open()) {
            HistoryImport.Outcome first = new HistoryImport(store).importRuns(runs);
            assertThat(first.imported()).containsExactly("run-0001", "run-0002", "run-0003");
            assertThat(first.problems()).singleElement().asString().contains("broken").contains("run.json");
            HistoryImport.Outcome second = new HistoryImport(store).importRuns(runs);
            assertThat(second.imported()).isEmpty();
            assertThat(second.skipped()).hasSize(3);
            assertThat(store.queries().runs(RunFilter.ALL)).allSatisfy(r -> {
                assertThat(r.gatePassed()).isNull();
                assertThat(r.directory()).endsWith(r.runId());
            });
        }
    }

    static RunResult withCase(RunResult run, String caseId, boolean pass, String output) {
        List<CaseResult> results = new ArrayList<>();
        for (CaseResult r : run.results()) {
            if (r.caseId().equals(caseId)) {
                r = new CaseResult(r.corpus(), r.caseId(), r.repeat(), r.traceId(), r.tags(), r.prompt(), output,
                        false, r.stats(), List.of(pass ? Score.pass("contains", "ok") : Score.fail("contains", "no"),
                        new Score("rouge", pass ? 0.9 : 0.1, pass, "r", Map.of())), null, 0, false);
            }
            results.add(r);
        }
        return new RunResult(run.spec(), results, RunSummary.of(results, 0, 0), run.directory());
    }
}
