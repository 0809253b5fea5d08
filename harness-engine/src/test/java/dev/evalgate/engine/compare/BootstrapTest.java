package dev.evalgate.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void sameSeedSameInterval() {
        double[] values = new Random(1).doubles(60).toArray();
        Estimate a = Bootstrap.mean(values, 2000, 0.95, 99);
        Estimate b = Bootstrap.mean(values, 2000, 0.95, 99);
        Estimate c = Bootstrap.mean(values, 2000, 0.95, 100);

        assertThat(a).isEqualTo(b);
        assertThat(c.lower()).isNotEqualTo(a.lower());
        assertThat(a.lower()).isLessThan(a.mean());
        assertThat(a.upper()).isGreaterThan(a.mean());
    }

    @Test
    void intervalCoversTheTrueMeanAtAboutItsNominalRate() {
        // 400 samples of 80 Bernoulli(0.3) values, 95% percentile intervals. The percentile bootstrap runs a little
        // below nominal at this size (about 93-95%); the binomial spread of a 400-trial coverage estimate is about
        // 1.1 percentage points, so [0.90, 0.985] allows for both without accepting a broken interval.
        Random random = new Random(2024);
        int trials = 400;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] values = new double[80];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble() < 0.3 ? 1 : 0;
            }
            if (Bootstrap.mean(values, 1000, 0.95, t).covers(0.3)) {
                covered++;
            }
        }
        assertThat((double) covered / trials).isBetween(0.90, 0.985);
    }

    @Test
    void noIntervalForOneValueOrNoResamples() {
        assertThat(Bootstrap.mean(new double[] {0.4}, 100, 0.95, 1).lower()).isNaN();
        Estimate skipped = Bootstrap.mean(new double[] {0.4, 0.6}, 0, 0.95, 1);
        assertThat(skipped.mean()).isEqualTo(0.5);
        assertThat(skipped.upper()).isNaN();
    }
}
