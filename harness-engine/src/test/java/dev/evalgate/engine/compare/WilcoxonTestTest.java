package dev.evalgate.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilcoxonTestTest {
    @Test
    void exactAllPositive() {
        // Differences 1..5, all positive: V = 1+2+3+4+5 = 15, the most extreme of 2^5 = 32 equally likely sign
        // patterns; two-sided p = 2/32 = 0.0625.
        PairedTest test = WilcoxonTest.test(new double[5], new double[] {1, 2, 3, 4, 5});

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.statistic()).isEqualTo(15.0);
        assertThat(test.pValue()).isCloseTo(0.0625, within(1e-12));
    }

    @Test
    void exactWithTwoNegativeRanks() {
        // Differences -1.5, 2, 3.1, -4.2, 5.3, 6, 7.7, 8.1 rank 1..8 by size; negative ranks 1 and 4, so W- = 5 and
        // V = W+ = 31. Sign patterns with W- <= 5: {}, {1}, {2}, {3}, {4}, {5}, {1,2}, {1,3}, {1,4}, {2,3} = 10 of 256;
        // two-sided p = 20/256 = 0.078125 (SciPy wilcoxon(method='exact') agrees).
        double[] base = new double[8];
        double[] cand = {-1.5, 2, 3.1, -4.2, 5.3, 6, 7.7, 8.1};
        PairedTest test = WilcoxonTest.test(base, cand);

        assertThat(test.statistic()).isEqualTo(31.0);
        assertThat(test.pValue()).isCloseTo(20.0 / 256, within(1e-12));
        assertThat(test.better()).isEqualTo(6);
        assertThat(test.worse()).isEqualTo(2);
    }

    /*
     * Reference values below come from SciPy 1.17.1 (Debian python3-scipy), computed once with
     *   d = np.round(d, 9)   # evalgate's tie rule: differences compared at a resolution of 1e-9
     *   scipy.stats.wilcoxon(d, zero_method='wilcox', method=scipy.stats.PermutationMethod(n_resamples=np.inf))
     * which enumerates all 2^n sign patterns (the exact distribution given the ties), and checked against a
     * brute-force enumeration in plain Python (itertools over 2^n patterns, midranks, twice the smaller tail).
     * Normal-approximation references use scipy.stats.wilcoxon(d, method='asymptotic', correction=True).
     */

    @Test
    void fivePassFailImprovementsAreNotSignificant() {
        // The reported case: five pass/fail scores that all went from 0 to 1. One tie group of five, so the test
        // is a sign test: p = 2/32 = 0.0625 (SciPy permutation: 0.0625). The normal approximation used before gave
        // 0.03688842570704982 (SciPy method='asymptotic', correction=True), a false "real" at 0.05.
        PairedTest test = WilcoxonTest.test(new double[5], new double[] {1, 1, 1, 1, 1});

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.statistic()).isEqualTo(15.0);
        assertThat(test.pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(test.significantAt(0.05)).isFalse();
        assertThat(test.direction()).isEqualTo(1);
    }

    @Test
    void exactWithTiesAndZerosMatchesScipy() {
        // d = [1, 1, 0, -1, 1, 1, 0, 1, 0.5, 0.5, -0.5]: two zeros dropped, n = 9; ranks 2 (x3), 6.5 (x6);
        // V = 36.5. SciPy permutation: p = 0.125 (R's wilcox.test would switch to the normal approximation here:
        // 0.09751253817810966).
        double[] d = {1, 1, 0, -1, 1, 1, 0, 1, 0.5, 0.5, -0.5};
        PairedTest test = WilcoxonTest.test(new double[d.length], d);

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.pairs()).isEqualTo(9);
        assertThat(test.better()).isEqualTo(7);
        assertThat(test.worse()).isEqualTo(2);
        assertThat(test.statistic()).isEqualTo(36.5);
        assertThat(test.pValue()).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void exactOnOneToFiveRatingsMatchesScipy() {
        // Twenty cases rated 1-5 by a judge, scaled to [0, 1] as (rating - 1) / 4: zeros and heavy ties.
        // SciPy permutation on (a - b) / 4: V = 69, p = 0.01806640625 (asymptotic: 0.016542958162421587).
        int[] after = {5, 4, 4, 3, 5, 2, 4, 5, 3, 4, 4, 5, 1, 3, 4, 5, 2, 4, 3, 5};
        int[] before = {4, 4, 3, 3, 2, 2, 5, 4, 3, 2, 4, 3, 1, 4, 2, 4, 2, 3, 3, 4};
        double[] a = new double[after.length];
        double[] b = new double[before.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (after[i] - 1) / 4.0;
            b[i] = (before[i] - 1) / 4.0;
        }
        PairedTest test = WilcoxonTest.test(b, a);

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.statistic()).isEqualTo(69.0);
        assertThat(test.pValue()).isCloseTo(0.01806640625, within(1e-12));
    }

    @Test
    void meansOfRepeatsTieDespiteRoundingNoise() {
        // Pass rates over three repeats: 1 - 2/3 and 1/3 - 0 differ in the last bit in floating point. The one
        // tie rule (rounding to 1e-9) makes them one tie group for both detecting and ranking. SciPy permutation
        // on np.round(d, 9): V = 57, p = 0.0361328125.
        double[] base = {1 / 3.0, 0, 2 / 3.0, 1 / 3.0, 1 / 3.0, 0, 1 / 3.0, 0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1 / 3.0};
        double[] cand = {2 / 3.0, 1 / 3.0, 1, 1, 0, 2 / 3.0, 1 / 3.0, 1, 2 / 3.0, 1 / 3.0, 1, 2 / 3.0};
        assertThat(1 - 2 / 3.0).as("the rounding noise this test is about").isNotEqualTo(1 / 3.0 - 0);
        PairedTest test = WilcoxonTest.test(base, cand);

        assertThat(test.pairs()).isEqualTo(11);
        assertThat(test.statistic()).isEqualTo(57.0);
        assertThat(test.pValue()).isCloseTo(0.0361328125, within(1e-12));
    }

    @Test
    void exactWithATieWhereRWouldApproximate() {
        // Wikipedia "Wilcoxon signed-rank test" example: one zero and one tie. R's wilcox.test switches to the normal
        // approximation (V = 27, p-value = 0.6353; SciPy asymptotic with correction: 0.6352893188352069); the exact
        // conditional p is 0.6328125 (SciPy permutation).
        double[] after = {125, 115, 130, 140, 140, 115, 140, 125, 140, 135};
        double[] before = {110, 122, 125, 120, 140, 124, 123, 137, 135, 145};
        PairedTest test = WilcoxonTest.test(before, after);

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.pairs()).isEqualTo(9);
        assertThat(test.statistic()).isEqualTo(27.0);
        assertThat(test.pValue()).isCloseTo(0.6328125, within(1e-12));
    }

    @Test
    void normalApproximationWithTiesAndZerosAboveTheExactLimitMatchesScipy() {
        // 700 pairs: d_i = ((37 i mod 11) - 5) / 8, except every 40th is 0.75; 63 zeros, 637 non-zero pairs in
        // 11 tie groups. SciPy asymptotic with correction=True: V = 107412, p = 0.20905782380640892.
        double[] d = new double[700];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 40 == 0 ? 0.75 : ((i * 37) % 11 - 5) / 8.0;
        }
        PairedTest test = WilcoxonTest.test(new double[d.length], d);

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_NORMAL);
        assertThat(test.pairs()).isEqualTo(637);
        assertThat(test.statistic()).isEqualTo(107412.0);
        assertThat(test.pValue()).isCloseTo(0.20905782380640892, within(1e-9));
    }

    @Test
    void directionFollowsTheRanksNotTheMean() {
        // One large drop against four small gains: the mean falls, the ranks lean towards better.
        PairedTest test = WilcoxonTest.test(new double[5], new double[] {0.1, 0.2, 0.3, 0.4, -5});
        assertThat(test.direction()).isEqualTo(1);
        assertThat(WilcoxonTest.test(new double[5], new double[] {-0.1, -0.2, -0.3, -0.4, 5}).direction())
                .isEqualTo(-1);
    }

    @Test
    void exactWithTiesAgreesWithBruteForceEnumeration() {
        // Random discrete differences (many ties and zeros), n up to 16: the convolution over tie groups must
        // match counting all 2^n sign patterns of the midranks.
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(16);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = (random.nextInt(7) - 3) / 4.0;
            }
            PairedTest test = WilcoxonTest.test(new double[n], d);
            assertThat(test.pValue()).as("trial %d: %s", trial, java.util.Arrays.toString(d))
                    .isCloseTo(bruteForce(d), within(1e-12));
        }
    }

    /** Every sign pattern of the non-zero differences' midranks, counted; twice the smaller tail. */
    private static double bruteForce(double[] d) {
        double[] nonZero = java.util.Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int less = 0;
            int equal = 0;
            for (double other : nonZero) {
                less += Math.abs(other) < Math.abs(nonZero[i]) ? 1 : 0;
                equal += Math.abs(other) == Math.abs(nonZero[i]) ? 1 : 0;
            }
            ranks[i] = less + (equal + 1) / 2.0;
        }
        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += nonZero[i] > 0 ? ranks[i] : 0;
        }
        long lower = 0;
        long upper = 0;
        for (long mask = 0; mask < 1L << n; mask++) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (mask >> i & 1) == 1 ? ranks[i] : 0;
            }
            lower += v <= observed ? 1 : 0;
            upper += v >= observed ? 1 : 0;
        }
        return Math.min(1.0, 2.0 * Math.min(lower, upper) / (1L << n));
    }

    @Test
    void exactDistributionAgreesWithCommonsMathEnumeration() {
        // Commons Math enumerates every sign pattern; the recurrence must give the same p-values.
        java.util.Random random = new java.util.Random(3);
        for (int n = 1; n <= 16; n++) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = (i + 1) * (random.nextBoolean() ? 1 : -1) + random.nextDouble() * 0.1;
            }
            double expected = Math.min(1.0, new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest()
                    .wilcoxonSignedRankTest(new double[n], d, true));
            assertThat(WilcoxonTest.test(new double[n], d).pValue()).as("n = %d", n).isCloseTo(expected,
                    within(1e-12));
        }
    }

    @Test
    void exactUpToTheLimitWithoutTies() {
        double[] d = new double[WilcoxonTest.EXACT_UP_TO];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 3 == 0 ? -(i + 1) : i + 1;
        }
        PairedTest test = WilcoxonTest.test(new double[d.length], d);
        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        // Without ties, at this size the exact and the normal p-values agree closely: a third of the ranks are
        // negative, so both are tiny, but the check that matters is that the convolution stays a distribution.
        assertThat(test.pValue()).isBetween(0.0, 1.0);
    }

    @Test
    void equalRunsAreNoEvidence() {
        double[] same = {0.2, 0.5, 0.9};
        PairedTest test = WilcoxonTest.test(same, same.clone());

        assertThat(test.pairs()).isZero();
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void balancedDifferencesGiveAPValueOfAtMostOne() {
        PairedTest test = WilcoxonTest.test(new double[] {0, 0, 0}, new double[] {1, -2, 1.5});
        assertThat(test.pValue()).isBetween(0.0, 1.0);
    }
}
