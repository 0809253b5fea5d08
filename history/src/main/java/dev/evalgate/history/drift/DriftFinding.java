package dev.evalgate.history.drift;

import java.util.Objects;

/**
 * One sign of drift in a suite's series of runs.
 *
 * @param runId     the run where it shows (for a trend: the latest run of the window)
 * @param fromRunId the run it is measured from (the previous run, or the first run of the window)
 * @param change    the size: the difference of the two values, the KS distance, or Sen's slope per run
 * @param pValue    the test's p-value; for a step, how unlikely a change this large is under "no change"
 * @param worse     whether the direction is the bad one for this metric (lower pass rate, higher latency);
 *                  distribution shifts have no direction and count as worse
 */
public record DriftFinding(Kind kind, String metric, String runId, String fromRunId, double change, double pValue,
                           boolean worse, String description) {
    public enum Kind {
        /** A metric changed between consecutive runs by more than the interval of the difference. */
        STEP,
        /** The distribution of a per-case figure (a continuous score, output length, tokens, latency) shifted. */
        DISTRIBUTION,
        /** A monotonic trend over the last runs of a window (Mann–Kendall). */
        TREND
    }

    public DriftFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(runId, "runId");
    }
}
