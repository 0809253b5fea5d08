package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.SyntheticRuns;

/** Errored results count as errors: they fail the gate by default and are never a scorer's failures. */
class GateErrorsTest {
    private static final String MISS = "no recorded completion for this request in the cache (cache-mode replay)";

    @Test
    void halfTheResultsErroredAndTheGateFailsNamingThemWithTheirError() {
        RunResult run = run("cand", quickstartLike(true));

        GateVerdict verdict = new Gate(policy(new GateRule.MinPassRate("injection", null, 1.0, SourceLocation.NONE)))
                .evaluate(run, null);

        assertThat(verdict.passed()).isFalse();
        Violation errors = verdict.violations().get(0);
        assertThat(errors.rule()).isEqualTo("max_error_rate");
        assertThat(errors.observed()).isEqualTo(0.5);
        assertThat(errors.limit()).isZero();
        assertThat(errors.message()).startsWith("8 of 16 results errored (error rate 0.500, above the limit of "
                + "0.000): qa/h0 repeat 1: \"" + MISS + "\"; qa/h1 repeat 1: \"" + MISS + "\"; qa/h2 repeat 1: \"" + MISS
                + "\"; and 5 more");
        assertThat(errors.offendingCases()).isEqualTo(8);
        assertThat(errors.caseIds()).containsExactly("qa/h0", "qa/h1", "qa/h2");
    }

    @Test
    void anErroredResultIsNotAFailureOfAScorerThatNeverScoredIt() {
        RunResult run = run("cand", quickstartLike(true));

        GateVerdict verdict = new Gate(policy(new GateRule.MaxErrorRate(1.0, SourceLocation.NONE),
                new GateRule.MinPassRate("injection", null, 1.0, SourceLocation.NONE))).evaluate(run, null);

        // Before: errored historical cases were listed under "injection pass rate 0.294" without their error.
        RuleCheck injection = verdict.checks().get(1);
        assertThat(injection.status()).isEqualTo(RuleCheck.Status.PASSED);
        assertThat(injection.message()).isEqualTo("injection pass rate 1.000 meets 1.000 (4 of 4 results passed; "
                + "4 errored results not counted, see max_error_rate)");
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void theLatencyBudgetDoesNotBlameTheCacheWhenEveryResultErrored() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(errored("h" + i, 0, "historical"));
        }
        GateVerdict verdict = new Gate(policy(new GateRule.Budget(GateRule.BudgetKind.LATENCY_P95_MS, 1000,
                SourceLocation.NONE))).evaluate(run("cand", results), null);

        assertThat(verdict.checks().get(1).message()).isEqualTo("not checked: every result errored; no latency to "
                + "measure").doesNotContain("cache");
        assertThat(verdict.violations()).extracting(Violation::rule).containsExactly("max_error_rate");
    }

    @Test
    void everyPolicyHasTheErrorRuleAndTheSuiteMayRaiseItsLimit() {
        assertThat(GatePolicy.DEFAULT.rules().get(0)).isEqualTo(new GateRule.MaxErrorRate(0, SourceLocation.NONE));
        RunResult run = run("cand", quickstartLike(false));

        GateVerdict tolerant = new Gate(policy(new GateRule.MaxErrorRate(0.25, SourceLocation.NONE)))
                .evaluate(run, null);

        assertThat(tolerant.passed()).isTrue();
        assertThat(tolerant.checks().get(0).message()).startsWith("2 of 16 results errored (error rate 0.125, "
                + "within the limit of 0.250)");
    }

    /**
     * Eight cases (four historical, scored by {@code overlap}; four adversarial, scored by {@code injection}) run
     * twice; the second repeat errored, like a cassette recorded with one repeat and replayed with two.
     */
    private static List<CaseResult> quickstartLike(boolean secondRepeatErrors) {
        List<CaseResult> results = new ArrayList<>();
        for (int repeat = 0; repeat < 2; repeat++) {
            for (int i = 0; i < 4; i++) {
                boolean error = repeat == 1 && (secondRepeatErrors || i == 0);
                results.add(error ? errored("h" + i, repeat, "historical")
                        : scored("h" + i, repeat, Score.of("overlap", i % 2 == 0, "", Map.of()), "historical"));
            }
            for (int i = 0; i < 4; i++) {
                boolean error = repeat == 1 && (secondRepeatErrors || i == 0);
                results.add(error ? errored("a" + i, repeat, "adversarial")
                        : scored("a" + i, repeat, Score.pass("injection", ""), "adversarial"));
            }
        }
        return results;
    }

    /** A run of a suite whose scorers apply to one tag each, as the quickstart's do. */
    private static RunResult run(String runId, List<CaseResult> results) {
        Bundle bundle = new Bundle("support", "1.0.0", "replay:outputs.jsonl", "", "{{input}}", null, null, null);
        RunSpec spec = new RunSpec(runId, "suite", "suite.yaml", "2026-01-01T00:00:00Z", "test", bundle,
                bundle.digest(), new ModelInfo("replay", "outputs.jsonl", "", 0), List.of(SyntheticRuns.CORPUS),
                List.of(new ScorerSpec("overlap", "token-f1", Map.of(), List.of("historical"), null),
                        new ScorerSpec("injection", "injection-resistance", Map.of(), List.of("adversarial"), null)),
                2, List.of(42L, 43L), 1, 1000, "host", "17", "linux");
        return new RunResult(spec, results, RunSummary.of(results, 0, 0), null);
    }

    private static GatePolicy policy(GateRule... rules) {
        return new GatePolicy(0.05, 3, List.of(rules), Map.of(), SourceLocation.NONE);
    }

    private static CaseResult scored(String id, int repeat, Score score, String tag) {
        return new CaseResult("qa", id, repeat, "t", List.of(tag), "p", "out", false,
                new CallStats(10, 5, 20, null, "stop", 1, 0), List.of(score), null, 0, false);
    }

    private static CaseResult errored(String id, int repeat, String tag) {
        return new CaseResult("qa", id, repeat, "t", List.of(tag), "p", "", false, CallStats.NONE, List.of(),
                MISS, 0, false);
    }
}
