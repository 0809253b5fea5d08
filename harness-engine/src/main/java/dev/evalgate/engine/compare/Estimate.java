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
 * @param lowerError Monte Carlo error of {@code lower}, a 95% margin: with unlimited resamples the end would lie
 *                   within this distance with about 95% probability ({@link Bootstrap}); NaN when no interval was
 *                   computed
 * @param upperError Monte Carlo error of {@code upper}, likewise
 * @param resamples  how many bootstrap resamples the interval is based on; 0 when none
 */
public record Estimate(double mean, double lower, double upper, int n, double confidence, double lowerError,
                       double upperError, int resamples) {
    public Estimate {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must not be negative, was " + resamples);
        }
    }

    /** An estimate without a bootstrap interval, or with one whose Monte Carlo error is unknown. */
    public Estimate(double mean, double lower, double upper, int n, double confidence) {
        this(mean, lower, upper, n, confidence, Double.NaN, Double.NaN, 0);
    }

    /** Whether the interval was computed and contains {@code value}. */
    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }

    /** Whether an interval was computed. */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** The larger Monte Carlo error (95% margin) of the two ends; NaN when unknown. */
    public double monteCarloError() {
        return Math.max(lowerError, upperError);
    }
}
