package dev.evalgate.engine.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Mann–Kendall test for a monotonic trend in a series (a metric over consecutive runs), with Sen's slope as its
 * size. It looks at the order of every pair of points, not at consecutive differences, so a slow slide that no
 * single run-to-run comparison flags still adds up; it assumes nothing about the shape of the noise.
 *
 * <p>Without ties the p-value is exact (the distribution of S counts permutations by their inversions); with ties
 * it uses the normal approximation with the tie-corrected variance and a continuity correction.
 */
public final class MannKendallTest {
    public static final String EXACT = "mann-kendall-exact";
    public static final String NORMAL = "mann-kendall-normal";
    /** Up to this length an untied series gets the exact distribution. */
    static final int EXACT_UP_TO = 60;

    /**
     * @param s           the Mann–Kendall statistic: concordant minus discordant pairs
     * @param pDecreasing one-sided p-value against "no trend", for a decreasing trend
     * @param pIncreasing one-sided p-value for an increasing trend
     * @param senSlope    median slope over all pairs, in units per step (per run)
     */
    public record Result(String method, int n, double s, double pDecreasing, double pIncreasing, double senSlope) {
        /** Two-sided p-value. */
        public double pValue() {
            return Math.min(1.0, 2 * Math.min(pDecreasing, pIncreasing));
        }
    }

    private MannKendallTest() {
    }

    /** NaN values are left out. A series of fewer than three values has no trend to test (p = 1). */
    public static Result test(double[] values) {
        double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        int n = x.length;
        if (n < 3) {
            return new Result(EXACT, n, 0, 1, 1, n == 2 ? x[1] - x[0] : 0);
        }
        long s = 0;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(x[j], x[i]) > 0 ? 1 : x[j] == x[i] ? 0 : -1;
                slopes[k++] = (x[j] - x[i]) / (j - i);
            }
        }
        Arrays.sort(slopes);
        double sen = slopes.length % 2 == 1 ? slopes[slopes.length / 2]
                : (slopes[slopes.length / 2 - 1] + slopes[slopes.length / 2]) / 2;
        Map<Double, Integer> ties = new HashMap<>();
        for (double v : x) {
            ties.merge(v, 1, Integer::sum);
        }
        boolean tied = ties.size() < n;
        if (!tied && n <= EXACT_UP_TO) {
            double[] cdf = exactCdf(n);
            // S = pairs - 2 * inversions, so S <= s  <=>  inversions >= (pairs - s) / 2.
            int pairs = n * (n - 1) / 2;
            int inv = (int) ((pairs - s) / 2);
            double pLowerOrEqual = 1 - (inv == 0 ? 0 : cdf[inv - 1]); // P(S <= s)
            double pUpperOrEqual = cdf[inv];                           // P(S >= s)
            return new Result(EXACT, n, s, clamp(pLowerOrEqual), clamp(pUpperOrEqual), sen);
        }
        double variance = n * (n - 1.0) * (2 * n + 5);
        for (int t : ties.values()) {
            variance -= t * (t - 1.0) * (2 * t + 5);
        }
        variance /= 18;
        if (variance <= 0) {
            return new Result(NORMAL, n, s, 1, 1, sen);
        }
        double sd = Math.sqrt(variance);
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double pDecreasing = normal.cumulativeProbability((s + 1) / sd);   // P(S <= s), continuity-corrected
        double pIncreasing = 1 - normal.cumulativeProbability((s - 1) / sd);
        return new Result(NORMAL, n, s, clamp(pDecreasing), clamp(pIncreasing), sen);
    }

    /** P(inversions <= k) over the n! equally likely orders: Mahonian numbers, normalised row by row. */
    private static double[] exactCdf(int n) {
        int max = n * (n - 1) / 2;
        double[] p = new double[max + 1];
        p[0] = 1;
        int top = 0;
        for (int m = 2; m <= n; m++) {
            // Inserting the m-th element adds 0..m-1 inversions, each equally likely.
            double[] next = new double[max + 1];
            for (int i = 0; i <= top; i++) {
                if (p[i] == 0) {
                    continue;
                }
                double share = p[i] / m;
                for (int add = 0; add < m; add++) {
                    next[i + add] += share;
                }
            }
            top += m - 1;
            p = next;
        }
        for (int i = 1; i <= max; i++) {
            p[i] += p[i - 1];
        }
        return p;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
