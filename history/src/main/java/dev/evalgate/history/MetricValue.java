package dev.evalgate.history;

import java.util.Objects;

/**
 * One figure of one run with its 95% interval.
 *
 * @param lower NaN when the metric has no interval (a percentile, a count)
 * @param n     how many results the figure is based on
 */
public record MetricValue(String metric, double value, double lower, double upper, int n) {
    public MetricValue {
        Objects.requireNonNull(metric, "metric");
    }

    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }
}
