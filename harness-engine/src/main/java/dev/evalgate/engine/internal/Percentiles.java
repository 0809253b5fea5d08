package dev.evalgate.engine.internal;

import java.util.Arrays;

/** Nearest-rank percentiles, the definition latency budgets are usually written against. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The p-th percentile (0 &lt; p &lt;= 100) by nearest rank; NaN for no values. */
    public static double of(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
