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

    @Test
    void normalApproximationWithZerosAndTies() {
        // Wikipedia "Wilcoxon signed-rank test", example: after 125,115,130,140,140,115,140,125,140,135 vs before
        // 110,122,125,120,140,124,123,137,135,145. Differences 15,-7,5,20,0,-9,17,-12,5,-10; the zero is dropped,
        // n = 9. |d| ranks: 5,5 -> 1.5 each, 7 -> 3, 9 -> 4, 10 -> 5, 12 -> 6, 15 -> 7, 17 -> 8, 20 -> 9.
        // V = 1.5+1.5+7+8+9 = 27. With the tie, no exact p: mean 9*10/4 = 22.5, variance 9*10*19/24 - (2^3-2)/48
        // = 71.125, z = (27 - 22.5 - 0.5)/sqrt(71.125) = 0.47430, p = 2*(1 - Phi(0.47430)) = 0.63529
        // (R wilcox.test(after, before, paired = TRUE): V = 27, p-value = 0.6353).
        double[] after = {125, 115, 130, 140, 140, 115, 140, 125, 140, 135};
        double[] before = {110, 122, 125, 120, 140, 124, 123, 137, 135, 145};
        PairedTest test = WilcoxonTest.test(before, after);

        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_NORMAL);
        assertThat(test.pairs()).isEqualTo(9);
        assertThat(test.statistic()).isEqualTo(27.0);
        assertThat(test.pValue()).isCloseTo(0.6352893, within(1e-6));
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
    void exactForFortyNinePairsIsFast() {
        double[] d = new double[49];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 3 == 0 ? -(i + 1) : i + 1;
        }
        long start = System.nanoTime();
        PairedTest test = WilcoxonTest.test(new double[d.length], d);
        assertThat(test.method()).isEqualTo(PairedTest.WILCOXON_EXACT);
        assertThat(test.pValue()).isBetween(0.0, 1.0);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
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
