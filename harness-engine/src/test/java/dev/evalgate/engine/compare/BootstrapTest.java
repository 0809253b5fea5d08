package dev.evalgate.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

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
        assertThat(a.resamples()).isEqualTo(2000);
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
        assertThat(skipped.monteCarloError()).isNaN();
    }

    /**
     * The reported case, reconstructed: 500 pass/fail cases, 60 fixed, 85 broken, 355 unchanged. McNemar with
     * continuity correction: chi2 = (85 - 60 - 1)^2 / 145 = 3.97, p = 0.04625. The ideal (infinite-resample) 95%
     * percentile interval, from the exact distribution of the resampled difference (N+ - N-) / 500 with
     * (N+, N-, N0) ~ Multinomial(500; 0.12, 0.17, 0.71), enumerated with SciPy 1.17.1 binom.pmf over all
     * (N+, N-): [-0.098, -0.004], with P(D &lt;= -0.004) = 0.97509 and P(D &lt;= -0.002) = 0.97957, so the upper
     * end sits one lattice step from where it would round up towards 0; at 2,000 resamples the empirical 97.5%
     * point lands at -0.002 or above about 1 time in 3, at 20,000 about 1 time in 2 but never near 0.
     */
    @Test
    void fiveHundredCaseComparisonAgreesWithMcNemarAtTheDefaultResamples() {
        double[] before = new double[500];
        double[] after = new double[500];
        for (int i = 0; i < 500; i++) {
            before[i] = i < 60 ? 0 : i < 145 ? 1 : i % 3 == 0 ? 0 : 1;
            after[i] = i < 60 ? 1 : i < 145 ? 0 : before[i];
        }
        PairedTest test = McNemarTest.test(60, 85, 500);
        assertThat(test.pValue()).isCloseTo(0.046251426791832584, within(1e-12));

        int worstUpperRank = Integer.MIN_VALUE;
        for (long seed = 1; seed <= 20; seed++) {
            Estimate delta = Bootstrap.paired(before, after, CompareOptions.DEFAULT_RESAMPLES, 0.95, seed).delta();
            assertThat(delta.mean()).isCloseTo(-0.05, within(1e-12));
            // Within one lattice step (1/500) of the ideal ends.
            assertThat(delta.lower()).as("seed %d", seed).isBetween(-0.100, -0.096);
            assertThat(delta.upper()).as("seed %d", seed).isBetween(-0.006, -0.002);
            assertThat(delta.upperError()).as("seed %d", seed).isLessThanOrEqualTo(0.0011);
            MetricDelta m = new MetricDelta("pass", MetricDelta.Kind.PASS_RATE, true, delta, delta, delta, test);
            assertThat(m.intervalDisagreement()).as("seed %d", seed).isEmpty();
            worstUpperRank = Math.max(worstUpperRank, (int) Math.round(delta.upper() * 500));
        }
        assertThat(worstUpperRank).isLessThan(0);
    }

    @Test
    void fewResamplesMoveTheEndsMoreAndSayHowMuch() {
        // The reported Monte Carlo error (a 95% margin, about 1.96 standard errors) must track how far the ends
        // actually move between seeds: 40 seeds of a continuous sample, 2,000 resamples each; the mean reported
        // error must be 1.96 times the seed-to-seed standard deviation of the lower end, within the spread of a
        // 40-seed estimate and the bracket's own noise (1.0 to 4.0), and 20,000 resamples must cut it by about
        // sqrt(10).
        double[] values = new Random(5).doubles(100).map(x -> x * x).toArray();
        double[] few = spreadAndError(values, 2_000);
        double[] many = spreadAndError(values, 20_000);
        assertThat(few[1] / few[0]).as("reported / observed at 2,000").isBetween(1.0, 4.0);
        assertThat(many[1] / many[0]).as("reported / observed at 20,000").isBetween(1.0, 4.0);
        assertThat(few[1] / many[1]).isBetween(2.0, 5.0);
    }

    /** {observed sd of the lower end over 40 seeds, mean reported error of the lower end}. */
    private static double[] spreadAndError(double[] values, int resamples) {
        double[] lowers = new double[40];
        double reported = 0;
        for (int s = 0; s < lowers.length; s++) {
            Estimate e = Bootstrap.mean(values, resamples, 0.95, 1000 + s);
            lowers[s] = e.lower();
            reported += e.lowerError() / lowers.length;
        }
        double mean = Arrays.stream(lowers).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(lowers).map(x -> (x - mean) * (x - mean)).sum() / (lowers.length - 1));
        return new double[] {sd, reported};
    }

    @Test
    void multinomialShortcutMatchesCaseByCaseResampling() {
        // 2,500 cases with 1-5 ratings in both runs (25 distinct pairs): the shortcut and plain resampling are
        // two ways to draw the same resamples, so their intervals agree within Monte Carlo error.
        Random random = new Random(8);
        double[] b = new double[2_500];
        double[] c = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextInt(5) / 4.0;
            c[i] = Math.min(1, Math.max(0, b[i] + (random.nextInt(5) - 2) / 4.0 * (random.nextDouble() < 0.3 ? 1 : 0)));
        }
        Bootstrap.Paired fast = Bootstrap.paired(b, c, 20_000, 0.95, 3, false);
        Bootstrap.Paired plain = Bootstrap.paired(b, c, 20_000, 0.95, 3, true);
        for (Estimate[] pair : new Estimate[][] {{fast.baseline(), plain.baseline()},
                {fast.candidate(), plain.candidate()}, {fast.delta(), plain.delta()}}) {
            double tolerance = 2 * Math.hypot(pair[0].lowerError(), pair[1].lowerError()) + 1e-12;
            assertThat(pair[0].mean()).isEqualTo(pair[1].mean());
            assertThat(pair[0].lower()).isCloseTo(pair[1].lower(), within(tolerance));
            assertThat(pair[0].upper()).isCloseTo(pair[1].upper(), within(2 * Math.hypot(pair[0].upperError(),
                    pair[1].upperError()) + 1e-12));
        }
        // The width of the delta interval is about 2 * 1.96 * sd / sqrt(n).
        double sd = Math.sqrt(Arrays.stream(diff(b, c)).map(x -> x * x).average().orElseThrow()
                - fast.delta().mean() * fast.delta().mean());
        assertThat(fast.delta().upper() - fast.delta().lower()).isCloseTo(2 * 1.96 * sd / 50, within(0.1 * sd / 50));
    }

    private static double[] diff(double[] b, double[] c) {
        double[] d = new double[b.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = c[i] - b[i];
        }
        return d;
    }

    @Test
    void binomialDrawsHaveTheRightDistribution() {
        // Frequencies of 40,000 draws against the binomial probabilities, for a small and a large count; the
        // chi-square over cells with expected count >= 5 must stay below its 0.999 quantile.
        SplittableRandom random = new SplittableRandom(12);
        double[] logFactorial = Bootstrap.logFactorials(100_000);
        for (int[] trialsAndPercent : new int[][] {{5, 50}, {40, 10}, {100_000, 29}}) {
            int trials = trialsAndPercent[0];
            double p = trialsAndPercent[1] / 100.0;
            var distribution = new org.apache.commons.math3.distribution.BinomialDistribution(null, trials, p);
            int draws = 40_000;
            java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
            double sum = 0;
            for (int i = 0; i < draws; i++) {
                int x = Bootstrap.binomial(trials, p, random, logFactorial);
                assertThat(x).isBetween(0, trials);
                seen.merge(x, 1, Integer::sum);
                sum += x;
            }
            double sd = Math.sqrt(trials * p * (1 - p));
            assertThat(sum / draws).isCloseTo(trials * p, within(5 * sd / Math.sqrt(draws)));
            double chi2 = 0;
            int cells = 0;
            for (int x = 0; x <= trials; x++) {
                double expected = draws * distribution.probability(x);
                if (expected >= 5) {
                    double o = seen.getOrDefault(x, 0);
                    chi2 += (o - expected) * (o - expected) / expected;
                    cells++;
                }
            }
            double limit = new org.apache.commons.math3.distribution.ChiSquaredDistribution(null, cells - 1)
                    .inverseCumulativeProbability(0.999);
            assertThat(chi2).as("n = %d, p = %.2f", trials, p).isLessThan(limit);
        }
    }
}
