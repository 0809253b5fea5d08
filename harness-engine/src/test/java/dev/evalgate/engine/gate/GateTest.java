package dev.evalgate.engine.gate;

import static dev.evalgate.engine.compare.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.compare.SyntheticRuns;
import dev.evalgate.engine.compare.TrustedScores;

class GateTest {
    private static final SourceLocation HERE = new SourceLocation(Path.of("suite.yaml"), 12, "gate.budgets.x");

    @Test
    void minPassRateByScorerAndTag() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean exact = i < 7;
            results.add(result("c" + i, List.of(Score.of("exact", exact, "", Map.of()), Score.pass("json", "")),
                    i < 4 ? "adversarial" : "plain"));
        }
        GateVerdict verdict = gate(3, new GateRule.MinPassRate(null, null, 0.7, HERE),
                new GateRule.MinPassRate("json", null, 1.0, HERE),
                new GateRule.MinPassRate("exact", "plain", 0.9, HERE)).evaluate(run("cand", results), null);

        assertThat(verdict.checks()).extracting(RuleCheck::status).containsExactly(RuleCheck.Status.PASSED,
                RuleCheck.Status.PASSED, RuleCheck.Status.PASSED, RuleCheck.Status.FAILED);
        Violation v = verdict.violations().get(0);
        assertThat(v.rule()).isEqualTo("min_pass_rate[scorer=exact,tag=plain]");
        assertThat(v.observed()).isEqualTo(0.5); // c4..c6 pass, c7..c9 fail
        assertThat(v.limit()).isEqualTo(0.9);
        assertThat(v.caseIds()).containsExactly("qa/c7", "qa/c8", "qa/c9");
        assertThat(v.message()).isEqualTo("exact pass rate on cases tagged 'plain' 0.500 is below 0.900 "
                + "(3 of 6 results passed)");
    }

    @Test
    void untrustedScoresAreNotCountedAndTheVerdictSaysSo() {
        Score untrusted = new Score("judge", 0.0, false, "", Map.of(TrustedScores.UNTRUSTED, true));
        RunResult candidate = run("cand", List.of(result("a", List.of(Score.pass("exact", ""), untrusted)),
                result("b", List.of(Score.pass("exact", ""), untrusted))));

        GateVerdict verdict = gate(10, new GateRule.MinPassRate(null, null, 1.0, HERE),
                new GateRule.MinPassRate("judge", null, 0.5, HERE)).evaluate(candidate, null);

        // The overall rule passes on the trusted scores; the judge's own rule cannot be checked, which fails.
        assertThat(verdict.checks().get(1).status()).isEqualTo(RuleCheck.Status.PASSED);
        assertThat(verdict.checks().get(2).status()).isEqualTo(RuleCheck.Status.NOT_CHECKED);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.notes()).contains("2 scores of judge were not counted: their judge failed its "
                + "calibration (details.untrusted)");
    }

    @Test
    void newFailuresOnAdversarialCasesFailTheGateButFlakyOnesDoNot() {
        RunResult baseline = run("base", List.of(result("inj-1", true, 0, "adversarial"),
                result("inj-2", true, 0, "adversarial"), result("inj-2", true, 1, "adversarial"),
                result("plain", true, 0)));
        RunResult candidate = run("cand", List.of(result("inj-1", false, 0, "adversarial"),
                result("inj-2", false, 0, "adversarial"), result("inj-2", true, 1, "adversarial"),
                result("plain", false, 0)));
        Comparison comparison = new RunComparator().compare(baseline, candidate);

        GateVerdict verdict = gate(10, new GateRule.NoNewFailures(List.of("adversarial"), HERE))
                .evaluate(candidate, comparison);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.violations().get(0).caseIds()).containsExactly("qa/inj-1");
        assertThat(verdict.violations().get(0).message())
                .isEqualTo("1 case tagged adversarial fails now and did not fail in the baseline");
    }

    @Test
    void rulesThatNeedABaselineAreSkippedWithoutOne() {
        GateVerdict verdict = new Gate(GatePolicy.DEFAULT).evaluate(run("cand", List.of(result("a", false, 0))),
                null);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks().subList(1, verdict.checks().size()))
                .allMatch(c -> c.status() == RuleCheck.Status.NOT_CHECKED);
        assertThat(verdict.notes()).anyMatch(n -> n.contains("no baseline"));
    }

    @Test
    void budgetsOnTokensLatencyCostAndRepairs() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            // Latency i * 100 ms: p50 = 1000 ms, p95 = 1900 ms by nearest rank. Tokens: 100 prompt + 10 * i.
            results.add(new CaseResult("qa", "c" + i, 0, "t", List.of(), "p", "o", false,
                    new CallStats(100, 10 * i, 100.0 * i, null, "stop", 1, 0), List.of(Score.pass("exact", "")),
                    null, i > 18 ? 1 : 0, false));
        }
        RunResult run = run("cand", results);
        GatePolicy policy = new GatePolicy(0.05, 2, List.of(
                new GateRule.Budget(GateRule.BudgetKind.LATENCY_P50_MS, 1000, HERE),
                new GateRule.Budget(GateRule.BudgetKind.LATENCY_P95_MS, 1500, HERE),
                new GateRule.Budget(GateRule.BudgetKind.MEAN_TOKENS_PER_CASE, 200, HERE),
                new GateRule.Budget(GateRule.BudgetKind.TOTAL_COST, 0.01, HERE),
                new GateRule.Budget(GateRule.BudgetKind.REPAIR_RATE, 0.05, HERE)),
                Map.of("replay:outputs.jsonl", new ModelPrice(10, 100)), SourceLocation.NONE);

        GateVerdict verdict = new Gate(policy).evaluate(run, null);

        assertThat(verdict.checks()).extracting(RuleCheck::status).containsExactly(RuleCheck.Status.PASSED,
                RuleCheck.Status.PASSED, RuleCheck.Status.FAILED, RuleCheck.Status.FAILED, RuleCheck.Status.FAILED,
                RuleCheck.Status.FAILED);
        Violation p95 = verdict.violations().get(0);
        assertThat(p95.observed()).isEqualTo(1900.0);
        assertThat(p95.caseIds()).containsExactly("qa/c20", "qa/c19");
        assertThat(p95.offendingCases()).isEqualTo(5); // 1600..2000 ms
        // Mean tokens: 100 + 10 * 10.5 = 205.
        assertThat(verdict.violations().get(1).observed()).isEqualTo(205.0);
        // Cost: 2000 prompt tokens at 10/M + 2100 completion tokens at 100/M = 0.02 + 0.21 = 0.23.
        assertThat(verdict.violations().get(2).observed()).isCloseTo(0.23, within(1e-12));
        assertThat(verdict.violations().get(3).observed()).isEqualTo(0.1);
        assertThat(verdict.violations().get(3).caseIds()).containsExactly("qa/c19", "qa/c20");
    }

    @Test
    void aCostBudgetWithoutAPriceForTheModelIsAnInputError() {
        GatePolicy policy = new GatePolicy(0.05, 2, List.of(
                new GateRule.Budget(GateRule.BudgetKind.TOTAL_COST, 1, HERE)),
                Map.of("ollama:other", new ModelPrice(1, 1)), SourceLocation.NONE);

        assertThatThrownBy(() -> new Gate(policy).evaluate(run("cand", List.of(result("a", true, 0))), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("suite.yaml:12: field 'gate.budgets.x'")
                .hasMessageContaining("needs a price for model 'replay:outputs.jsonl'");
    }

    @Test
    void reliabilityLimits() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int r = 0; r < 3; r++) {
                // c0 always passes, c1 passes once, c2 twice, c3 never.
                results.add(result("c" + i, r < (i == 0 ? 3 : i == 1 ? 1 : i == 2 ? 2 : 0), r));
            }
        }
        GateVerdict verdict = gate(10, new GateRule.ReliabilityLimit(GateRule.ReliabilityKind.MIN_PASS_AT_K, 0.75,
                        HERE), new GateRule.ReliabilityLimit(GateRule.ReliabilityKind.MIN_PASS_ALL_K, 0.5, HERE),
                new GateRule.ReliabilityLimit(GateRule.ReliabilityKind.MAX_FLIP_RATE, 0.2, HERE))
                .evaluate(run("cand", results), null);

        assertThat(verdict.checks()).extracting(RuleCheck::status).containsExactly(RuleCheck.Status.PASSED,
                RuleCheck.Status.PASSED, RuleCheck.Status.FAILED, RuleCheck.Status.FAILED);
        assertThat(verdict.violations().get(0).observed()).isEqualTo(0.25);
        // Flip rate: (0 + 2/3 + 2/3 + 0) / 4 = 1/3.
        assertThat(verdict.violations().get(1).observed()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(verdict.violations().get(1).caseIds()).containsExactlyInAnyOrder("qa/c1", "qa/c2");
    }

    private static Gate gate(int listCases, GateRule... rules) {
        return new Gate(new GatePolicy(0.05, listCases, List.of(rules), Map.of(), SourceLocation.NONE));
    }

    private static CaseResult result(String id, boolean passed, int repeat, String... tags) {
        return SyntheticRuns.result(id, repeat, passed, tags);
    }

    private static CaseResult result(String id, List<Score> scores, String... tags) {
        return SyntheticRuns.result(id, 0, scores, tags);
    }
}
