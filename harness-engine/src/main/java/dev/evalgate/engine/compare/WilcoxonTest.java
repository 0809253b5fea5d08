package dev.evalgate.engine.compare;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Wilcoxon's signed-rank test for paired continuous scores, following R's {@code wilcox.test(paired = TRUE)}:
 * zero differences are dropped; the exact distribution is used for up to {@link #EXACT_UP_TO} pairs without ties,
 * otherwise the normal approximation with tie and continuity corrections.
 *
 * <p>Commons Math's own test counts zero differences as negative, does not correct the variance for ties, and
 * computes its exact p-value by enumerating all 2^n sign patterns (a billion for n = 30). Scorer values are often
 * discrete and many cases score the same in both runs, so this class drops zeros, corrects for ties, and counts the
 * exact distribution by dynamic programming; Commons Math does the ranking and the normal distribution.
 */
public final class WilcoxonTest {
    /** Up to this many pairs (without ties) the exact distribution is used, as R does below 50. */
    public static final int EXACT_UP_TO = 49;
    /** Differences smaller than this are treated as zero, so rounding noise does not make a pair informative. */
    private static final double ZERO = 1e-12;

    private WilcoxonTest() {
    }

    public static PairedTest test(double[] baseline, double[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("paired samples must have equal length: " + baseline.length + " vs "
                    + candidate.length);
        }
        double[] diffs = new double[baseline.length];
        int n = 0;
        for (int i = 0; i < baseline.length; i++) {
            double d = candidate[i] - baseline[i];
            if (Math.abs(d) > ZERO) {
                diffs[n++] = d;
            }
        }
        diffs = Arrays.copyOf(diffs, n);
        if (n == 0) {
            return new PairedTest(PairedTest.WILCOXON_EXACT, 0, 0, 0, 0, 1.0);
        }
        double[] magnitudes = Arrays.stream(diffs).map(Math::abs).toArray();
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(magnitudes);
        double positiveRankSum = 0;
        int better = 0;
        for (int i = 0; i < n; i++) {
            if (diffs[i] > 0) {
                positiveRankSum += ranks[i];
                better++;
            }
        }
        int worse = n - better;
        double tieTerm = tieTerm(magnitudes);
        if (n <= EXACT_UP_TO && tieTerm == 0) {
            double p = exactTwoSided((int) Math.round(positiveRankSum), n);
            return new PairedTest(PairedTest.WILCOXON_EXACT, n, better, worse, positiveRankSum, Math.min(1.0, p));
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (variance <= 0) {
            return new PairedTest(PairedTest.WILCOXON_NORMAL, n, better, worse, positiveRankSum, 1.0);
        }
        double centred = positiveRankSum - mean;
        double z = (centred - Math.signum(centred) * 0.5) / Math.sqrt(variance);
        double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
        return new PairedTest(PairedTest.WILCOXON_NORMAL, n, better, worse, positiveRankSum, Math.min(1.0, p));
    }

    /**
     * Two-sided exact p-value of rank sum {@code v} among n untied ranks: twice the smaller tail. Under "no
     * difference" each rank is positive with probability 1/2, so the number of sign patterns with each rank sum is
     * counted by a subset-sum recurrence over the ranks 1..n.
     */
    static double exactTwoSided(int v, int n) {
        int max = n * (n + 1) / 2;
        double[] ways = new double[max + 1];
        ways[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int sum = max; sum >= rank; sum--) {
                ways[sum] += ways[sum - rank];
            }
        }
        double total = Math.pow(2, n);
        double lower = 0;
        for (int sum = 0; sum <= Math.min(v, max); sum++) {
            lower += ways[sum];
        }
        double upper = 0;
        for (int sum = Math.max(v, 0); sum <= max; sum++) {
            upper += ways[sum];
        }
        return Math.min(1.0, 2 * Math.min(lower, upper) / total);
    }

    /** Sum of t^3 - t over groups of t tied magnitudes; 0 when there are no ties. */
    private static double tieTerm(double[] magnitudes) {
        double[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] - sorted[i] <= ZERO) {
                j++;
            }
            double t = j - i + 1;
            term += t * t * t - t;
            i = j + 1;
        }
        return term;
    }
}
