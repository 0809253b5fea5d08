package dev.evalgate.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;

import static dev.evalgate.engine.compare.SyntheticRuns.result;
import static dev.evalgate.engine.compare.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunComparatorTest {
    private final RunComparator comparator = new RunComparator();

    @Test
    void classifiesEveryCaseAcrossRepeats() {
        // Three repeats per case.
        RunResult baseline = run("base", repeats(Map.of("fixed", "FFF", "regressed", "PPP", "same-pass", "PPP",
                "same-fail", "FFF", "flaky-now", "PPP", "flaky-before", "PFP")));
        RunResult candidate = run("cand", repeats(Map.of("fixed", "PPP", "regressed", "FFF", "same-pass", "PPP",
                "same-fail", "FFF", "flaky-now", "PFF", "flaky-before", "FFF")));

        Comparison c = comparator.compare(baseline, candidate);

        assertThat(status(c, "fixed")).isEqualTo(DiffStatus.FIXED);
        assertThat(status(c, "regressed")).isEqualTo(DiffStatus.REGRESSED);
        assertThat(status(c, "same-pass")).isEqualTo(DiffStatus.UNCHANGED_PASS);
        assertThat(status(c, "same-fail")).isEqualTo(DiffStatus.UNCHANGED_FAIL);
        assertThat(status(c, "flaky-now")).isEqualTo(DiffStatus.FLAKY);
        assertThat(status(c, "flaky-before")).isEqualTo(DiffStatus.FLAKY);
        CaseDiff flaky = diff(c, "flaky-now");
        assertThat(flaky.candidate().passed()).isEqualTo(1);
        // 1 pass, 2 fails: 2 of the 3 pairs of repeats disagree.
        assertThat(flaky.candidate().flipRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(flaky.candidate().passAtK()).isTrue();
        assertThat(flaky.candidate().passAllK()).isFalse();

        Reliability rel = c.candidate().reliability();
        assertThat(rel.cases()).isEqualTo(6);
        assertThat(rel.repeats()).isEqualTo(3);
        assertThat(rel.passAtK()).isCloseTo(3.0 / 6, within(1e-12)); // fixed, same-pass, flaky-now
        assertThat(rel.passAllK()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(rel.flakyCases()).isEqualTo(1);
    }

    @Test
    void metricsComeWithIntervalsAndTests() {
        List<CaseResult> before = new ArrayList<>();
        List<CaseResult> after = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double b = (i % 10) / 10.0;
            double a = Math.min(1.0, b + (i % 3 == 0 ? 0.2 : 0.0));
            before.add(result("c" + i, 0, List.of(new Score("f1", b, b >= 0.5, "", Map.of()))));
            after.add(result("c" + i, 0, List.of(new Score("f1", a, a >= 0.5, "", Map.of()))));
        }
        Comparison c = comparator.compare(run("base", before), run("cand", after));

        assertThat(c.metricDeltas()).extracting(MetricDelta::metric).containsExactly("pass", "f1");
        MetricDelta f1 = c.metric("f1").orElseThrow();
        assertThat(f1.kind()).isEqualTo(MetricDelta.Kind.SCORE);
        assertThat(f1.baseline().mean()).isCloseTo(0.45, within(1e-9));
        assertThat(f1.delta().mean()).isGreaterThan(0);
        assertThat(f1.delta().lower()).isLessThanOrEqualTo(f1.delta().mean());
        assertThat(f1.delta().upper()).isGreaterThanOrEqualTo(f1.delta().mean());
        assertThat(f1.test().method()).startsWith("wilcoxon");
        assertThat(f1.test().worse()).isZero();
        assertThat(f1.significantImprovement(0.05)).isTrue();
        MetricDelta pass = c.metric("pass").orElseThrow();
        assertThat(pass.test().method()).isEqualTo(PairedTest.MCNEMAR_EXACT);
        // Same seed, same runs: the same intervals, so reports are reproducible.
        assertThat(comparator.compare(run("base", before), run("cand", after)).metricDeltas())
                .isEqualTo(c.metricDeltas());
    }

    @Test
    void refusesADifferentCorpusVersionUnlessAllowed() {
        CorpusRef v2 = new CorpusRef("qa", "1.1", "b".repeat(64), 3);
        RunResult baseline = run("base", List.of(result("a", 0, true), result("gone", 0, true)));
        RunResult candidate = run("cand", List.of(v2), List.of(result("a", 0, false), result("added", 0, true)));

        assertThatThrownBy(() -> comparator.compare(baseline, candidate))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'corpora'")
                .hasMessageContaining("corpus 'qa' is version 1.1")
                .hasMessageContaining("version 1.0")
                .hasMessageContaining("or use allowCorpusChange to compare only the case ids both runs share");

        Comparison c = new RunComparator(CompareOptions.DEFAULT.withAllowCorpusChange(true))
                .compare(baseline, candidate);
        assertThat(status(c, "a")).isEqualTo(DiffStatus.REGRESSED);
        assertThat(status(c, "added")).isEqualTo(DiffStatus.NEW);
        assertThat(status(c, "gone")).isEqualTo(DiffStatus.REMOVED);
        assertThat(diff(c, "gone").candidate()).isNull();
        assertThat(c.notes()).anyMatch(n -> n.contains("compared shared case ids only"));
        // Only the shared case enters the metrics.
        assertThat(c.metric("pass").orElseThrow().baseline().n()).isEqualTo(1);
    }

    @Test
    void aSubsetOfTheSameCorpusLeavesTheOtherCasesOut() {
        RunResult full = run("base", List.of(result("a", 0, true), result("b", 0, true), result("c", 0, false)));
        RunResult smoke = run("cand", List.of(result("a", 0, true)));

        Comparison c = comparator.compare(full, smoke);

        assertThat(c.caseDiffs()).hasSize(1);
        assertThat(c.count(DiffStatus.REMOVED)).isZero();
        assertThat(c.notes()).contains("2 baseline cases were not run by the candidate (a tier or shard) and are "
                + "left out");
    }

    @Test
    void runsWithoutSharedCasesSaySoInsteadOfTestingNothing() {
        Comparison c = new RunComparator(CompareOptions.DEFAULT.withAllowCorpusChange(true)).compare(
                run("base", List.of(result("a", 0, true))), run("cand", List.of(new CorpusRef("qa", "2", "c", 1)),
                        List.of(result("b", 0, true))));

        assertThat(c.metric("pass").orElseThrow().test().pValue()).isEqualTo(1.0);
        assertThat(c.metric("pass").orElseThrow().baseline().n()).isZero();
        assertThat(c.notes()).anyMatch(n -> n.contains("share no case ids"));
    }

    @Test
    void untrustedJudgeScoresDoNotDecidePassAndAreFlagged() {
        Score untrustedFail = new Score("judge", 0.0, false, "", Map.of(TrustedScores.UNTRUSTED, true));
        Score ok = Score.pass("exact", "");
        RunResult baseline = run("base", List.of(result("a", 0, List.of(ok, Score.pass("judge", "")))));
        RunResult candidate = run("cand", List.of(result("a", 0, List.of(ok, untrustedFail))));

        Comparison c = comparator.compare(baseline, candidate);

        assertThat(status(c, "a")).isEqualTo(DiffStatus.UNCHANGED_PASS);
        assertThat(c.metric("judge").orElseThrow().trusted()).isFalse();
        assertThat(c.metric("exact").orElseThrow().trusted()).isTrue();
        assertThat(c.notes()).anyMatch(n -> n.contains("judge") && n.contains("not counted"));
    }

    @Test
    void keepsComparisonsSmallByCappingOutputs() {
        CaseResult big = new CaseResult("qa", "a", 0, "t", List.of(), "p", "x".repeat(20_000), false, null,
                List.of(Score.pass("exact", "")), null, 0, false);
        Comparison c = comparator.compare(run("base", List.of(big)), run("cand", List.of(big)));

        assertThat(c.caseDiffs().get(0).candidate().output()).hasSize(CaseOutcome.MAX_OUTPUT_CHARS);
    }

    @Test
    void fivePassFailCasesThatAllImprovedAreNotARealChange() {
        // The reported case: a pass/fail scorer at n = 5, every case fixed. Wilcoxon on the scorer is exact
        // (p = 2/32 = 0.0625, where the normal approximation said 0.037), and so is McNemar on the pass rate.
        List<CaseResult> before = new ArrayList<>();
        List<CaseResult> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(result("c" + i, 0, false));
            after.add(result("c" + i, 0, true));
        }
        Comparison c = comparator.compare(run("base", before), run("cand", after));

        MetricDelta exact = c.metric("exact").orElseThrow();
        assertThat(exact.test().method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(exact.test().pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(exact.significantImprovement(0.05)).isFalse();
        assertThat(c.metric("pass").orElseThrow().test().pValue()).isCloseTo(0.0625, within(1e-12));
    }

    @Test
    void anIntervalThatDisagreesWithTheTestIsNamedInTheNotes() {
        // Five of 100 cases broke, none fixed: McNemar's exact p = 2/32 = 0.0625 is not significant, but a resample
        // without any broken case has probability 0.95^100 = 0.006 < 0.025, so the 95% interval lies below 0.
        List<CaseResult> before = new ArrayList<>();
        List<CaseResult> after = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            before.add(result("c" + i, 0, true));
            after.add(result("c" + i, 0, i >= 5));
        }
        Comparison c = comparator.compare(run("base", before), run("cand", after));

        MetricDelta pass = c.metric("pass").orElseThrow();
        assertThat(pass.test().pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(pass.delta().upper()).isNegative();
        assertThat(pass.delta().resamples()).isEqualTo(CompareOptions.DEFAULT_RESAMPLES);
        assertThat(pass.intervalDisagreement()).isPresent();
        assertThat(c.notes()).anySatisfy(note -> assertThat(note).startsWith("pass: the 95% bootstrap interval")
                .contains("is below 0", "mcnemar-exact p = 0.0625 is not significant at 0.05",
                        "the gate decides on the paired test", "Monte Carlo error"));
    }

    @Test
    void serialisesToJsonForReports() throws Exception {
        Comparison c = comparator.compare(run("base", List.of(result("a", 0, true))),
                run("cand", List.of(result("a", 0, false), result("b", 0, true))));
        String json = Json.MAPPER.writeValueAsString(c);

        assertThat(json).contains("\"status\":\"REGRESSED\"", "\"metric\":\"pass\"", "\"caseDiffs\"");
        assertThat(Json.MAPPER.readTree(json).get("caseDiffs")).hasSize(2);
        assertThat(Json.MAPPER.readValue(json, Comparison.class)).isEqualTo(c);
    }

    private static List<CaseResult> repeats(Map<String, String> verdicts) {
        List<CaseResult> out = new ArrayList<>();
        verdicts.keySet().stream().sorted().forEach(id -> {
            String v = verdicts.get(id);
            for (int r = 0; r < v.length(); r++) {
                out.add(result(id, r, v.charAt(r) == 'P'));
            }
        });
        return out;
    }

    private static CaseDiff diff(Comparison c, String id) {
        return c.caseDiffs().stream().filter(d -> d.caseId().equals(id)).findFirst().orElseThrow();
    }

    private static DiffStatus status(Comparison c, String id) {
        return diff(c, id).status();
    }
}
