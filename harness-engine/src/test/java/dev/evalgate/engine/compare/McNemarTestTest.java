package dev.evalgate.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTestTest {
    @Test
    void exactTestOnFewDiscordantPairs() {
        // 1 case got better, 8 got worse: 9 discordant pairs, below the exact threshold.
        // By hand: P(X <= 1 | Bin(9, 1/2)) = (C(9,0) + C(9,1)) / 2^9 = 10/512; two-sided p = 20/512 = 0.0390625.
        // Same value as R binom.test(1, 9) and SciPy binomtest(1, 9).
        PairedTest test = McNemarTest.test(1, 8, 100);

        assertThat(test.method()).isEqualTo(PairedTest.MCNEMAR_EXACT);
        assertThat(test.pValue()).isCloseTo(20.0 / 512, within(1e-12));
        assertThat(test.statistic()).isEqualTo(1.0);
        assertThat(test.better()).isEqualTo(1);
        assertThat(test.worse()).isEqualTo(8);
        assertThat(test.pairs()).isEqualTo(100);
    }

    @Test
    void exactTestTwentyPairs() {
        // 3 vs 17: two-sided p = 2 * sum_{i<=3} C(20,i) / 2^20 = 2 * (1 + 20 + 190 + 1140) / 1048576 = 0.0025768...
        assertThat(McNemarTest.test(3, 17, 20).pValue()).isCloseTo(2702.0 / 1048576, within(1e-12));
    }

    @Test
    void chiSquareWithContinuityCorrectionOnManyDiscordantPairs() {
        // Wikipedia "McNemar's test", example table: b = 121, c = 59 discordant pairs.
        // By hand: chi2 = (|121 - 59| - 1)^2 / (121 + 59) = 61^2 / 180 = 20.6722; p = P(chi2_1 > 20.6722) = 5.45e-6,
        // as R mcnemar.test(matrix(c(101, 59, 121, 33), 2)) reports (chi-squared = 20.672, p-value = 5.45e-06).
        PairedTest test = McNemarTest.test(59, 121, 314);

        assertThat(test.method()).isEqualTo(PairedTest.MCNEMAR_CHI2);
        assertThat(test.statistic()).isCloseTo(3721.0 / 180, within(1e-9));
        assertThat(test.pValue()).isCloseTo(5.4501e-6, within(1e-9));
    }

    @Test
    void noDiscordantPairsIsNoEvidence() {
        assertThat(McNemarTest.test(0, 0, 50).pValue()).isEqualTo(1.0);
        assertThat(McNemarTest.test(4, 4, 50).pValue()).isEqualTo(1.0);
    }

    @Test
    void symmetricInDirection() {
        assertThat(McNemarTest.test(2, 12, 40).pValue()).isEqualTo(McNemarTest.test(12, 2, 40).pValue());
        assertThat(McNemarTest.test(10, 40, 90).pValue()).isEqualTo(McNemarTest.test(40, 10, 90).pValue());
    }
}
