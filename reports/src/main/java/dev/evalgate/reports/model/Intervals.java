package dev.evalgate.reports.model;

/** 95% confidence intervals for the figures a report shows when no comparison supplied its own. */
final class Intervals {
    private static final double Z95 = 1.959963984540054;

    private Intervals() {
    }

    /** Wilson score interval: unlike the normal approximation it stays inside [0, 1] for rates near 0 or 1. */
    static double[] wilson(int successes, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Normal interval of a mean of values in [0, 1], clipped to that range. */
    static double[] mean(double[] values) {
        int n = values.length;
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = Z95 * Math.sqrt(ss / (n - 1) / n);
        return new double[] {Math.max(0, mean - half), Math.min(1, mean + half)};
    }
}
