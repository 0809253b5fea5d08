package dev.evalgate.history.drift;

import java.util.Arrays;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov–Smirnov test: did the distribution of a per-case figure change between two runs? It sees a
 * shift in any part of the distribution (longer tails, a second mode), not only in the mean, and assumes no shape.
 *
 * <p>The statistic is computed between tie groups, so a discrete figure (token counts, scores on a few levels) is
 * not over-flagged; the p-value then comes from the continuous null distribution, which is conservative with ties
 * (exact for small samples, asymptotic beyond).
 */
public final class TwoSampleKs {
    /** Below this product of sample sizes the exact distribution is used. */
    private static final long EXACT_BELOW = 200;

    /** @param distance the largest gap between the two empirical distribution functions, in [0, 1] */
    public record Result(double distance, double pValue, int n, int m) {
    }

    private TwoSampleKs() {
    }

    public static Result test(double[] before, double[] after) {
        int n = before.length;
        int m = after.length;
        if (n == 0 || m == 0) {
            return new Result(0, 1, n, m);
        }
        double d = distance(before, after);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double p = (long) n * m < EXACT_BELOW ? ks.exactP(d, n, m, false) : ks.approximateP(d, n, m);
        return new Result(d, Math.max(0, Math.min(1, p)), n, m);
    }

    static double distance(double[] before, double[] after) {
        double[] x = before.clone();
        double[] y = after.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}
