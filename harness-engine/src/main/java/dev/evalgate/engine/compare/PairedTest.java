package dev.evalgate.engine.compare;

import java.util.Objects;

/**
 * A paired significance test of candidate against baseline on the cases both runs evaluated.
 *
 * @param method    {@link #MCNEMAR_EXACT}, {@link #MCNEMAR_CHI2}, {@link #WILCOXON_EXACT} or {@link #WILCOXON_NORMAL}
 * @param pairs     cases in the test (for Wilcoxon: cases whose values differ; equal pairs carry no information)
 * @param better    pairs where the candidate did better (McNemar: failed before, passes now)
 * @param worse     pairs where the candidate did worse (McNemar: passed before, fails now)
 * @param statistic McNemar: the smaller discordant count (exact) or the continuity-corrected chi-square;
 *                  Wilcoxon: the sum of the ranks of positive differences (candidate better), R's {@code V}
 * @param pValue    two-sided p-value; 1 when there is nothing to test
 */
public record PairedTest(String method, int pairs, int better, int worse, double statistic, double pValue) {
    public static final String MCNEMAR_EXACT = "mcnemar-exact";
    public static final String MCNEMAR_CHI2 = "mcnemar-chi2";
    public static final String WILCOXON_EXACT = "wilcoxon-exact";
    public static final String WILCOXON_NORMAL = "wilcoxon-normal";

    public PairedTest {
        Objects.requireNonNull(method, "method");
        if (Double.isNaN(pValue) || pValue < 0 || pValue > 1) {
            throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
        }
    }

    /**
     * Which way the test's own statistic points: +1 when the candidate did better (McNemar: more cases fixed than
     * broken; Wilcoxon: the positive rank sum above its null mean n(n+1)/4), -1 when worse, 0 when balanced. It
     * can disagree with the sign of the mean difference (one large drop against many small gains), and a
     * significant result is a regression or an improvement only in this direction.
     */
    public int direction() {
        double lean = method.startsWith("wilcoxon") ? statistic - pairs * (pairs + 1) / 4.0 : better - worse;
        return (int) Math.signum(lean);
    }

    /** The two runs differ at significance level {@code level} (two-sided). */
    public boolean significantAt(double level) {
        return pValue < level;
    }
}
