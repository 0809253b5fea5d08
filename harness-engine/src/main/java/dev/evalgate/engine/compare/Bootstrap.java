package dev.evalgate.engine.compare;

import java.util.Arrays;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Percentile bootstrap interval for a mean. Seeded, so a report computed twice from the same runs shows the same
 * intervals.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * @param resamples how many resamples; 0 skips the interval (NaN ends), which the gate does not need
     */
    public static Estimate mean(double[] values, int resamples, double confidence, long seed) {
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must not be negative, was " + resamples);
        }
        int n = values.length;
        double mean = n == 0 ? Double.NaN : Arrays.stream(values).sum() / n;
        if (n < 2 || resamples == 0) {
            return new Estimate(mean, Double.NaN, Double.NaN, n, confidence);
        }
        RandomGenerator random = new Well19937c(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = 1 - confidence;
        return new Estimate(mean, quantile(means, alpha / 2), quantile(means, 1 - alpha / 2), n, confidence);
    }

    /** Linear interpolation between order statistics (R's quantile type 7). */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
