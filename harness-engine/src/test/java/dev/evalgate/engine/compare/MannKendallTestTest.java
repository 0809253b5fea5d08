package dev.evalgate.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannKendallTestTest {
    @Test
    void exactDistributionMatchesCountedPermutations() {
        // 1 3 2 5 4: 8 concordant, 2 discordant pairs, S = 6. Of the 120 orders of five values, 1 + 4 + 9 = 14 have
        // at most two inversions, so P(S >= 6) = 14/120.
        MannKendallTest.Result r = MannKendallTest.test(new double[] {1, 3, 2, 5, 4});
        assertThat(r.method()).isEqualTo(MannKendallTest.EXACT);
        assertThat(r.s()).isEqualTo(6);
        assertThat(r.pIncreasing()).isCloseTo(14 / 120.0, within(1e-12));
        assertThat(r.pDecreasing()).isCloseTo(1 - 4 / 120.0 - 1 / 120.0 - 0.0, within(1e-12) );
        // Median of the ten pairwise slopes -1, -1, 1/3, 1/2, 3/4, 1, 1, 4/3, 2, 3.
        assertThat(r.senSlope()).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void aStrictlyFallingSeriesIsAsUnlikelyAsOneOrderInNFactorial() {
        MannKendallTest.Result r = MannKendallTest.test(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(r.pDecreasing()).isCloseTo(1 / 3628800.0, within(1e-15));
        assertThat(r.pIncreasing()).isEqualTo(1.0);
        assertThat(r.senSlope()).isEqualTo(-1.0);
    }

    @Test
    void tiesUseTheCorrectedNormalApproximation() {
        // Four pairs of ties: S = 24 and var(S) = (8*7*21 - 4*2*1*9) / 18 = 61.33, as Kendall::MannKendall in R
        // computes them; the p-value adds a continuity correction.
        MannKendallTest.Result r = MannKendallTest.test(new double[] {1, 1, 2, 2, 3, 3, 4, 4});
        assertThat(r.method()).isEqualTo(MannKendallTest.NORMAL);
        assertThat(r.s()).isEqualTo(24);
        double z = (24 - 1) / Math.sqrt(1104 / 18.0);
        assertThat(r.pIncreasing()).isCloseTo(1 - new org.apache.commons.math3.distribution.NormalDistribution()
                .cumulativeProbability(z), within(1e-9));
    }

    @Test
    void aConstantOrShortSeriesHasNoTrend() {
        assertThat(MannKendallTest.test(new double[] {0.5, 0.5, 0.5, 0.5}).pValue()).isEqualTo(1.0);
        assertThat(MannKendallTest.test(new double[] {0.5, 0.4}).pValue()).isEqualTo(1.0);
        assertThat(MannKendallTest.test(new double[] {Double.NaN, 1, 2, 3}).n()).isEqualTo(3);
    }
}
