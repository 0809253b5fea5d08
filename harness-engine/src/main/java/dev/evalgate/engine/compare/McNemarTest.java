package dev.evalgate.engine.compare;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * McNemar's test for paired pass/fail verdicts. Only the discordant cases carry information: under "no
 * difference" a case that changed is as likely to have got better as worse, so the number that got worse is
 * Binomial(changed, 1/2).
 */
public final class McNemarTest {
    /**
     * Below this many discordant pairs the exact binomial test is used; the chi-square approximation is poor for
     * small counts (a common rule of thumb is b + c &lt; 25).
     */
    public static final int EXACT_BELOW = 25;

    private McNemarTest() {
    }

    /**
     * @param better cases that failed in the baseline and pass in the candidate
     * @param worse  cases that passed in the baseline and fail in the candidate
     * @param pairs  all paired cases, concordant ones included (reported only)
     */
    public static PairedTest test(int better, int worse, int pairs) {
        if (better < 0 || worse < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative: " + better + ", " + worse);
        }
        int discordant = better + worse;
        if (discordant == 0) {
            return new PairedTest(PairedTest.MCNEMAR_EXACT, pairs, 0, 0, 0, 1.0);
        }
        if (discordant < EXACT_BELOW) {
            int smaller = Math.min(better, worse);
            // Two-sided exact p: twice the lower tail of the smaller count, capped at 1.
            double tail = new BinomialDistribution(null, discordant, 0.5).cumulativeProbability(smaller);
            return new PairedTest(PairedTest.MCNEMAR_EXACT, pairs, better, worse, smaller, Math.min(1.0, 2 * tail));
        }
        // Edwards' continuity correction, as in R's mcnemar.test(correct = TRUE).
        double gap = Math.max(0, Math.abs(better - worse) - 1.0);
        double chi2 = gap * gap / discordant;
        double p = new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
        return new PairedTest(PairedTest.MCNEMAR_CHI2, pairs, better, worse, chi2, Math.max(0.0, 1.0 - p));
    }
}
