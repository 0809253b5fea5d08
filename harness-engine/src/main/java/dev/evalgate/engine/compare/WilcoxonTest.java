package dev.evalgate.engine.compare;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Wilcoxon's signed-rank test for paired continuous scores, following R's {@code wilcox.test(paired = TRUE)}:
 * zero differences are dropped; the exact distribution is used for fewer than {@link #EXACT_UP_TO} + 1 pairs
 * without ties, otherwise the normal approximation with tie and continuity corrections.
 *
 * <p>Commons Math's own test counts zero differences as negative and does not correct the variance for ties, which
 * matters here: scorer values are often discrete and many cases score the same in both runs. So this class drops
 * zeros and computes the approximation itself, and leaves ranking, the exact distribution and the normal
 * distribution to Commons Math.
 */
public final class WilcoxonTest {
    /** Commons Math computes the exact distribution up to this many pairs. */
    public static final int EXACT_UP_TO = 30;
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
            double[] zeros = new double[n];
            double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(zeros, diffs, true);
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
