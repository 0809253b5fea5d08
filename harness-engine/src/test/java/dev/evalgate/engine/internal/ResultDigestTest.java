package dev.evalgate.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.engine.compare.TrustedScores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultDigestTest {
    @TempDir
    Path dir;

    /** Results of every kind the digest tells apart: errors, repeats, cached calls, untrusted and repeated scores. */
    private static List<CaseResult> varied() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int repeat = i % 3;
            String id = "c" + i / 3;
            List<Score> scores = new ArrayList<>();
            scores.add(new Score("exact", i % 4 == 0 ? 0.0 : 1.0, i % 4 != 0, "", Map.of()));
            if (i % 5 != 0) {
                scores.add(new Score("judge", (i % 10) / 10.0, i % 10 >= 5, "",
                        i % 7 == 0 ? Map.of(TrustedScores.UNTRUSTED, true) : Map.of()));
            }
            if (i % 50 == 1) {
                // Two scores of one name: only a hand-made file has them.
                scores.add(new Score("exact", 0.25, false, "", Map.of()));
            }
            if (i % 33 == 2) {
                scores.add(0, Score.undecided("judge-b", "no verdict"));
            }
            String error = i % 17 == 0 ? "timeout" : null;
            CallStats stats = new CallStats(10 + i, 20 + i % 9, 1.5 * i, null, "stop", i % 6 == 0 ? 0 : 1,
                    i % 6 == 0 ? 1 : 0);
            results.add(new CaseResult((i / 3) % 2 == 0 ? "qa" : "", id, repeat, "t" + i,
                    i % 4 == 0 ? List.of("adversarial") : List.of("historical", "x"), "prompt " + i, "output " + i,
                    false, stats, error != null ? List.of() : scores, error, i % 11 == 0 ? 2 : 0, i % 13 == 0));
        }
        return results;
    }

    @Test
    void aRunReadFromItsFileHasTheDigestOfEachResultWithoutParsingItAgain() {
        List<CaseResult> expected = varied();
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            store.writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.COMPLETED, null));
            expected.forEach(store::append);
        }
        RunResult run = RunStore.read(dir.resolve("run"));

        assertDigestOf(((StoredResults) run.results()).digest(), expected);
        assertThat(run.summary()).isEqualTo(RunSummary.of(expected, run.summary().modelLoadMs(), 0));
    }

    @Test
    void aListWithoutItsResultsInHandIsDigestedInOnePassWhenAsked() {
        List<CaseResult> expected = varied();
        StoredResults.Builder lines = new StoredResults.Builder(dir.resolve("run").resolve(RunStore.RESULTS_FILE),
                expected.size(), 0);
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            expected.forEach(r -> lines.add(store.appendBuffered(r)));
        }

        assertDigestOf(ResultDigest.of(lines.build()), expected);
        assertDigestOf(ResultDigest.of(expected), expected);
    }

    private static void assertDigestOf(ResultDigest d, List<CaseResult> results) {
        assertThat(d.size()).isEqualTo(results.size());
        assertThat(d.scorers()).containsExactly("exact", "judge", "judge-b");
        assertThat(d.cases()).isEqualTo(100);
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            assertThat(d.key(i)).isEqualTo(r.key());
            assertThat(d.caseKey(d.caseOf(i))).isEqualTo(r.key());
            assertThat(d.corpus(d.caseOf(i))).isEqualTo(r.corpus());
            assertThat(d.caseNumber(r.key())).isEqualTo(d.caseOf(i));
            assertThat(d.tags(i)).isEqualTo(r.tags());
            assertThat(d.repeat(i)).isEqualTo(r.repeat());
            assertThat(d.errored(i)).isEqualTo(r.errored());
            assertThat(d.passed(i)).isEqualTo(r.passed());
            assertThat(d.trustedPassed(i)).isEqualTo(TrustedScores.passed(r));
            assertThat(d.fallbackUsed(i)).isEqualTo(r.fallbackUsed());
            assertThat(d.repairAttempts(i)).isEqualTo(r.repairAttempts());
            assertThat(d.promptTokens(i)).isEqualTo(r.stats().promptTokens());
            assertThat(d.completionTokens(i)).isEqualTo(r.stats().completionTokens());
            assertThat(d.calls(i)).isEqualTo(r.stats().calls());
            assertThat(d.cachedCalls(i)).isEqualTo(r.stats().cachedCalls());
            assertThat(d.latencyMs(i)).isEqualTo(r.stats().latencyMs());
            assertThat(d.outputChars(i)).isEqualTo(r.output().length());
            assertThat(d.caseId(d.caseOf(i))).isEqualTo(r.caseId());
            for (int s = 0; s < d.scorers().size(); s++) {
                Score first = r.score(d.scorers().get(s)).orElse(null);
                assertThat(d.scored(i, s)).isEqualTo(first != null);
                if (first != null) {
                    assertThat(d.value(i, s)).isEqualTo(first.value());
                    assertThat(d.scorePassed(i, s)).isEqualTo(first.passed());
                    assertThat(d.untrusted(i, s)).isEqualTo(TrustedScores.untrusted(first));
                }
            }
            // Every score, in the result's order: sums, counts and lists are those of the results.
            List<String> visited = new ArrayList<>();
            d.forEachScore(i, (s, value, passed, undecided, untrusted) -> visited.add(d.scorers().get(s) + "="
                    + value + "/" + passed + "/" + undecided + "/" + untrusted));
            assertThat(visited).containsExactlyElementsOf(r.scores().stream().map(x -> x.name() + "=" + x.value()
                    + "/" + x.passed() + "/" + x.undecided() + "/" + TrustedScores.untrusted(x)).toList());
        }
        assertThat(d.hasJudgeStats()).isFalse();
        assertThat(d.hasInstructionCounts()).isFalse();
    }

    @Test
    void theSummaryCountsWhatTheResultsHold() {
        List<CaseResult> results = varied();
        RunSummary summary = RunSummary.of(results, 7, 9);
        assertThat(summary.results()).isEqualTo(results.size());
        assertThat(summary.passed()).isEqualTo((int) results.stream().filter(CaseResult::passed).count());
        assertThat(summary.errored()).isEqualTo((int) results.stream().filter(CaseResult::errored).count());
        assertThat(summary.promptTokens()).isEqualTo(results.stream().mapToLong(r -> r.stats().promptTokens()).sum());
        assertThat(summary.repairAttempts()).isEqualTo(results.stream().mapToInt(CaseResult::repairAttempts).sum());
        assertThat(summary.fallbacks()).isEqualTo((int) results.stream().filter(CaseResult::fallbackUsed).count());
        List<Score> exact = results.stream().flatMap(r -> r.scores().stream())
                .filter(s -> s.name().equals("exact")).toList();
        ScorerSummary e = summary.scorers().stream().filter(s -> s.name().equals("exact")).findFirst().orElseThrow();
        assertThat(e.scored()).isEqualTo(exact.size());
        assertThat(e.passed()).isEqualTo((int) exact.stream().filter(Score::passed).count());
        assertThat(e.mean()).isCloseTo(exact.stream().mapToDouble(Score::value).average().orElseThrow(),
                within(1e-12));
        assertThat(summary.scorers()).extracting(ScorerSummary::name).containsExactly("exact", "judge", "judge-b");
    }

    @Test
    void aScoreWithIfevalsInstructionCountsIsNoticed() {
        List<CaseResult> results = new ArrayList<>(varied());
        CaseResult last = results.get(results.size() - 1);
        results.add(new CaseResult("qa", "ifeval-1", 0, "t", List.of(), "p", "o", false, last.stats(),
                List.of(new Score("ifeval-strict", 0.5, false, "", Map.of("instructions_total", 2))), null, 0,
                false));
        assertThat(ResultDigest.of(results).hasInstructionCounts()).isTrue();
        assertThat(ResultDigest.of(results.subList(0, results.size() - 1)).hasInstructionCounts()).isFalse();
    }
}
