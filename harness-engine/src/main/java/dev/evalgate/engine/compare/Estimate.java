package dev.evalgate.engine.compare;

/**
 * A mean with its bootstrap confidence interval.
 *
 * @param mean       the point estimate
 * @param lower      lower end of the interval; NaN when no interval was computed (too few values, or resampling
 *                   turned off)
 * @param upper      upper end of the interval; NaN likewise
 * @param n          how many values (cases) the estimate is based on
 * @param confidence the interval's nominal coverage, such as 0.95
 */
public record Estimate(double mean, double lower, double upper, int n, double confidence) {
    public Estimate {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }

    /** Whether the interval was computed and contains {@code value}. */
    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }
}
