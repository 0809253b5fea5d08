package dev.evalgate.engine.sink;

import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.gate.GateVerdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a {@link ReportRenderer} shows: the run and, when there are, its baseline, the comparison with it and the
 * gate's verdict.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record ReportInput(RunResult run, Optional<RunResult> baseline, Optional<Comparison> comparison,
                          Optional<GateVerdict> verdict) {
    public ReportInput {
        Objects.requireNonNull(run, "run");
        baseline = baseline == null ? Optional.empty() : baseline;
        comparison = comparison == null ? Optional.empty() : comparison;
        verdict = verdict == null ? Optional.empty() : verdict;
    }

    /** Any of {@code baseline}, {@code comparison} and {@code verdict} may be null. */
    public static ReportInput of(RunResult run, RunResult baseline, Comparison comparison, GateVerdict verdict) {
        return new ReportInput(run, Optional.ofNullable(baseline), Optional.ofNullable(comparison),
                Optional.ofNullable(verdict));
    }
}
