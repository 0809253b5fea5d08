package dev.evalgate.reports;

import java.util.Objects;
import java.util.Optional;

import dev.evalgate.engine.RunResult;

/**
 * What a report shows besides the run itself: the baseline it was compared with, if any. Built with
 * {@link #none()} and the {@code with...} methods so that adding a component never breaks a caller.
 */
public record ReportContext(Optional<RunResult> baseline) {
    public ReportContext {
        Objects.requireNonNull(baseline, "baseline");
    }

    /** A run reported on its own: no baseline, no gate. */
    public static ReportContext none() {
        return new ReportContext(Optional.empty());
    }

    public ReportContext withBaseline(RunResult baselineRun) {
        return new ReportContext(Optional.of(Objects.requireNonNull(baselineRun, "baselineRun")));
    }
}
