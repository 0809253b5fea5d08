package dev.evalgate.engine.compare;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Wilcoxon's signed-rank test for paired scores, two-sided.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li><b>One tie rule.</b> Each difference {@code candidate - baseline} is first rounded to a multiple of
 *       {@link #RESOLUTION}; from then on only exact equality of these rounded values is used, both to decide that
 *       a difference is zero and to decide that two magnitudes are tied. So {@code 2/3 - 1/3} and {@code 1/3 - 0},
 *       which differ in the last bit, are one tie group, and a detected tie is always ranked as a tie.</li>
 *   <li><b>Zeros: Wilcoxon's convention.</b> Zero differences are dropped before ranking (R's {@code wilcox.test},
 *       SciPy's default {@code zero_method="wilcox"}); {@link PairedTest#pairs()} counts the pairs that remain.
 *       Pratt's convention (rank the zeros, then drop their ranks) is not used. Dropping zeros keeps the test
 *       exact: given which pairs differ and by how much, each difference is equally likely to have either sign
 *       under "no difference".</li>
 *   <li><b>Ties: midranks.</b> Tied magnitudes share the mean of their ranks.</li>
 *   <li><b>Exact p-value for up to {@link #EXACT_UP_TO} (200) pairs, with or without ties.</b> The null distribution
 *       of the rank sum is computed conditional on the observed tie pattern, by a convolution over tie groups on
 *       doubled midranks (which are integers), so ties and zeros never force an approximation. The two-sided
 *       p-value is twice the smaller tail, capped at 1: the same as SciPy's
 *       {@code wilcoxon(d, method=PermutationMethod(n_resamples=inf))}.</li>
 *   <li><b>Normal approximation above {@link #EXACT_UP_TO} pairs</b>, with the variance corrected for ties
 *       ({@code n(n+1)(2n+1)/24 - sum(t^3 - t)/48}) and a continuity correction of 0.5 towards the mean on the
 *       rank-sum scale, as R's {@code wilcox.test(correct = TRUE)} and SciPy's {@code correction=True}.</li>
 * </ul>
 *
 * <p><b>How this differs from R and SciPy.</b> R's {@code wilcox.test(paired = TRUE)} is exact only below 50 pairs
 * and only when there are neither ties nor zeros; otherwise it switches to the normal approximation, whatever
 * n. SciPy 1.17's {@code wilcoxon} with {@code method="auto"} is exact up to 50 pairs without ties or zeros,
 * enumerates sign patterns up to 13 pairs with them, and uses the normal approximation otherwise; its
 * {@code method="exact"} ignores ties and zeros and so is not exact when they occur. Scores of LLM outputs are
 * mostly discrete (pass/fail, 1-5 ratings, means of a few repeats), so ties are the rule: for five pass/fail
 * cases that all improved the normal approximation gives p = 0.037 where the exact p is 2/32 = 0.0625.
 */
public final class WilcoxonTest {
    /**
     * Up to this many non-zero differences the exact conditional distribution is used. Its cost grows as n^3 for
     * p-values near 1 (about 2 ms at 200 untied pairs) and much less for small p-values or many ties; beyond it
     * the normal approximation with tie and continuity corrections is used, which R and SciPy use from 50 pairs.
     */
    public static final int EXACT_UP_TO = 200;
    /**
     * Differences are rounded to a multiple of this before zeros and ties are found, so rounding noise in scores
     * computed as means of repeats neither makes a pair informative nor splits a tie.
     */
    public static final double RESOLUTION = 1e-9;

    private WilcoxonTest() {
    }

    public static PairedTest test(double[] baseline, double[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("paired samples must have equal length: " + baseline.length + " vs "
                    + candidate.length);
        }
        // Differences in units of RESOLUTION, rounded: the only representation used from here on.
        double[] units = new double[baseline.length];
        int n = 0;
        for (int i = 0; i < baseline.length; i++) {
            double d = candidate[i] - baseline[i];
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("pair " + i + " has no finite difference: " + baseline[i]
                        + " vs " + candidate[i]);
            }
            double u = Math.rint(d / RESOLUTION);
            if (u != 0) {
                units[n++] = u;
            }
        }
        if (n == 0) {
            return new PairedTest(PairedTest.WILCOXON_EXACT, 0, 0, 0, 0, 1.0);
        }
        // Sort by magnitude, remembering signs: key = 2|u| + (u > 0 ? 1 : 0), whose floor(key / 2) is |u| exactly
        // (|u| is an integer well below 2^52), so a primitive sort keeps each tie group together.
        double[] keys = new double[n];
        for (int k = 0; k < n; k++) {
            keys[k] = 2 * Math.abs(units[k]) + (units[k] > 0 ? 1 : 0);
        }
        Arrays.sort(keys);
        int[] groupSizes = new int[n];
        int[] groupDoubledRanks = new int[n];
        int groups = 0;
        long doubledPositiveSum = 0;
        int better = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            double magnitude = Math.floor(keys[i] / 2);
            int j = i;
            while (j + 1 < n && Math.floor(keys[j + 1] / 2) == magnitude) {
                j++;
            }
            int t = j - i + 1;
            // Positions i+1..j+1 share the midrank (i + j + 2) / 2; doubled, it is an integer.
            int doubledRank = i + j + 2;
            for (int k = i; k <= j; k++) {
                if (keys[k] != 2 * magnitude) {
                    doubledPositiveSum += doubledRank;
                    better++;
                }
            }
            groupSizes[groups] = t;
            groupDoubledRanks[groups] = doubledRank;
            groups++;
            tieTerm += (double) t * t * t - t;
            i = j + 1;
        }
        int worse = n - better;
        double positiveRankSum = doubledPositiveSum / 2.0;
        if (n <= EXACT_UP_TO) {
            double p = exactTwoSided(doubledPositiveSum, Arrays.copyOf(groupSizes, groups),
                    Arrays.copyOf(groupDoubledRanks, groups));
            return new PairedTest(PairedTest.WILCOXON_EXACT, n, better, worse, positiveRankSum, p);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1.0) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (variance <= 0) {
            return new PairedTest(PairedTest.WILCOXON_NORMAL, n, better, worse, positiveRankSum, 1.0);
        }
        double centred = positiveRankSum - mean;
        double corrected = Math.max(0, Math.abs(centred) - 0.5);
        double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-corrected / Math.sqrt(variance));
        return new PairedTest(PairedTest.WILCOXON_NORMAL, n, better, worse, positiveRankSum, Math.min(1.0, p));
    }

    /**
     * Two-sided exact p-value of the doubled positive rank sum, conditional on the tie pattern: twice the smaller
     * tail, capped at 1. Under "no difference" every non-zero difference is positive with probability 1/2,
     * independently, so a tie group of size t with doubled rank r adds k * r with probability C(t, k) / 2^t.
     * The distribution is built by convolving the groups; probabilities rather than counts keep it finite for
     * any n.
     *
     * @param observed     sum of doubled ranks of the positive differences
     * @param sizes        size of each tie group
     * @param doubledRanks doubled midrank of each tie group
     */
    static double exactTwoSided(long observed, int[] sizes, int[] doubledRanks) {
        int max = 0;
        for (int g = 0; g < sizes.length; g++) {
            max += sizes[g] * doubledRanks[g];
        }
        // Flipping every sign maps a rank sum T to max - T, so the distribution is symmetric and the smaller tail
        // is P(T <= cap) with cap = min(observed, max - observed). Shifts only add, so sums above cap never feed
        // sums at or below it: the convolution stops at cap, which makes significant results the cheapest.
        int cap = (int) Math.min(observed, max - observed);
        double[] probability = new double[cap + 1];
        probability[0] = 1;
        int reach = 0;
        double[] next = new double[cap + 1];
        for (int g = 0; g < sizes.length; g++) {
            int t = sizes[g];
            int r = doubledRanks[g];
            int top = Math.min(cap, reach + t * r);
            if (t == 1) {
                // In place, from the top down, so each cell reads the previous group's values.
                for (int s = top; s >= r; s--) {
                    probability[s] = 0.5 * (probability[s] + probability[s - r]);
                }
                for (int s = Math.min(r - 1, top); s >= 0; s--) {
                    probability[s] *= 0.5;
                }
            } else {
                double[] weights = binomialHalf(t);
                Arrays.fill(next, 0, top + 1, 0.0);
                for (int k = 0; k <= t && k * r <= top; k++) {
                    double w = weights[k];
                    int shift = k * r;
                    for (int s = 0, end = Math.min(reach, top - shift); s <= end; s++) {
                        next[s + shift] += w * probability[s];
                    }
                }
                double[] swap = probability;
                probability = next;
                next = swap;
            }
            reach = top;
        }
        double tail = 0;
        for (int s = 0; s <= cap; s++) {
            tail += probability[s];
        }
        return Math.min(1.0, 2 * tail);
    }

    /** C(t, k) / 2^t for k = 0..t, built by halving Pascal's rule so no term overflows. */
    private static double[] binomialHalf(int t) {
        double[] row = {1.0};
        for (int m = 1; m <= t; m++) {
            double[] grown = new double[m + 1];
            for (int k = 0; k <= m; k++) {
                grown[k] = 0.5 * ((k < m ? row[k] : 0) + (k > 0 ? row[k - 1] : 0));
            }
            row = grown;
        }
        return row;
    }
}
