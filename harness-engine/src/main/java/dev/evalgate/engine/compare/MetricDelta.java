package dev.evalgate.engine.compare;

import java.util.Objects;

/**
 * One metric in both runs, over the cases both evaluated (so a smaller tier or a changed corpus never biases the
 * difference), with the paired test that says whether the difference is real or noise.
 *
 * @param metric    {@link #OVERALL_PASS} for the share of cases that pass, otherwise a scorer's name
 * @param kind      pass rate (tested with McNemar) or mean score value (tested with Wilcoxon signed-rank)
 * @param trusted   false when some of the scorer's scores came from a judge that failed its calibration
 *                  ({@code details.untrusted}); the gate does not count an untrusted metric
 * @param baseline  the baseline's mean over the shared cases, with its bootstrap interval
 * @param candidate the candidate's mean over the shared cases, with its bootstrap interval
 * @param delta     candidate minus baseline, with a paired bootstrap interval; positive is better
 * @param test      the paired test on the shared cases
 */
public record MetricDelta(String metric, Kind kind, boolean trusted, Estimate baseline, Estimate candidate,
                          Estimate delta, PairedTest test) {
    /** The metric name of the overall pass rate; no scorer may use it. */
    public static final String OVERALL_PASS = "pass";

    /** What a metric measures, which decides its paired test. */
    public enum Kind {
        /** Share of cases that pass; a case's value is its share of passing repeats. */
        PASS_RATE,
        /** Mean scorer value in [0, 1]; a case's value is its mean over repeats. */
        SCORE
    }

    public MetricDelta {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(test, "test");
    }

    /**
     * The candidate is worse and the paired test says it is not noise at {@code level}: the mean fell and the
     * test's own statistic points to worse ({@link PairedTest#direction()}).
     */
    public boolean significantRegression(double level) {
        return delta.mean() < 0 && test.direction() < 0 && test.significantAt(level);
    }

    /** The candidate is better and the paired test, pointing the same way, says it is not noise at {@code level}. */
    public boolean significantImprovement(double level) {
        return delta.mean() > 0 && test.direction() > 0 && test.significantAt(level);
    }
}
