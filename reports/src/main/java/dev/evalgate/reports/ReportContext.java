package dev.evalgate.reports;

import java.util.Objects;
import java.util.Optional;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.gate.GateVerdict;

/**
 * What a report shows besides the run itself. Built with {@link #none()} and the {@code with...} methods, so adding
 * a component never breaks a caller:
 * <pre>{@code
 * ReportContext.none().withBaseline(baselineRun).withComparison(comparison).withVerdict(verdict)
 * }</pre>
 *
 * @param baseline   the baseline run, for side-by-side outputs of every repeat
 * @param comparison the candidate against the baseline (case changes, metric deltas with paired tests); when
 *                   absent but a baseline is given, the report classifies cases itself and shows deltas without tests
 * @param verdict    the gate's decision; without it the report says no gate was evaluated
 */
public record ReportContext(Optional<RunResult> baseline, Optional<Comparison> comparison,
                            Optional<GateVerdict> verdict) {
    public ReportContext {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(verdict, "verdict");
        if (baseline.isPresent() && comparison.isPresent()
                && !baseline.get().spec().runId().equals(comparison.get().baseline().runId())) {
            throw new IllegalArgumentException("baseline run " + baseline.get().spec().runId()
                    + " is not the baseline of the comparison (" + comparison.get().baseline().runId() + ")");
        }
    }

    /** A run reported on its own: no baseline, no gate. */
    public static ReportContext none() {
        return new ReportContext(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * For front ends that hold the parts as nullable values, such as {@code ReportContext.of(baselineRun,
     * outcome.comparison(), outcome.verdict())}: any of them may be null.
     */
    public static ReportContext of(RunResult baselineRun, Comparison comparison, GateVerdict verdict) {
        return new ReportContext(Optional.ofNullable(baselineRun), Optional.ofNullable(comparison),
                Optional.ofNullable(verdict));
    }

    public ReportContext withBaseline(RunResult baselineRun) {
        return new ReportContext(Optional.of(Objects.requireNonNull(baselineRun, "baselineRun")), comparison,
                verdict);
    }

    public ReportContext withComparison(Comparison newComparison) {
        return new ReportContext(baseline, Optional.of(Objects.requireNonNull(newComparison, "comparison")),
                verdict);
    }

    public ReportContext withVerdict(GateVerdict newVerdict) {
        return new ReportContext(baseline, comparison, Optional.of(Objects.requireNonNull(newVerdict, "verdict")));
    }

    /** Whether the report compares with a baseline at all. */
    public boolean hasBaseline() {
        return baseline.isPresent() || comparison.isPresent();
    }
}
