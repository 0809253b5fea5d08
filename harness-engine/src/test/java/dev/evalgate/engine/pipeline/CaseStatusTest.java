package dev.evalgate.engine.pipeline;

import static dev.evalgate.engine.compare.SyntheticRuns.result;
import static dev.evalgate.engine.compare.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.Violation;

/** A case's status folds its repeats, and the gate decides whether a failure is red or tolerated. */
class CaseStatusTest {
    static final GateVerdict PASSED = GateVerdict.of(List.of(), List.of(), List.of());
    static final GateVerdict FAILED = GateVerdict.of(List.of(new Violation("min_pass_rate", "too low", 0.5, 1.0,
            List.of("qa/b"), 1)), List.of(), List.of());

    static CaseResult errored(String id, int repeat) {
        return new CaseResult("qa", id, repeat, "t", List.of(), "prompt", "", false,
                new CallStats(0, 0, 0, null, "error", 1, 0), List.of(), "connection refused", 0, false);
    }

    final RunResult run = run("r", List.of(result("a", 0, true), result("a", 1, true),
            result("b", 0, true), result("b", 1, false),
            result("c", 0, false), errored("c", 1)));

    @Test
    void withoutAPassingGateTheWorstRepeatDecides() {
        assertThat(CaseStatus.of(run, FAILED)).containsExactly(
                java.util.Map.entry("qa/a", CaseStatus.PASSED),
                java.util.Map.entry("qa/b", CaseStatus.FAILED),
                java.util.Map.entry("qa/c", CaseStatus.ERRORED));
        assertThat(CaseStatus.of(run, null)).isEqualTo(CaseStatus.of(run, FAILED));
    }

    @Test
    void aPassingGateToleratesFailuresAndErrors() {
        assertThat(CaseStatus.of(run, PASSED)).containsExactly(
                java.util.Map.entry("qa/a", CaseStatus.PASSED),
                java.util.Map.entry("qa/b", CaseStatus.TOLERATED),
                java.util.Map.entry("qa/c", CaseStatus.TOLERATED));
    }
}
