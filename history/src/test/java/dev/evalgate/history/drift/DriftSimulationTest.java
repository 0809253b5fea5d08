package dev.evalgate.history.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import dev.evalgate.history.MetricValue;
import dev.evalgate.history.RunMetrics;

/**
 * Seeded simulations of a suite's pass rate over many runs (200 cases a run, Wilson intervals, as recorded):
 * without drift the detector alarms no more often than its level; a slow slide of one point per run, which no
 * run-to-run comparison reliably sees, is found by the trend test within a stated number of runs.
 */
class DriftSimulationTest {
    private static final int CASES = 200;
    private static final double LEVEL = 0.05;
    private static final int WINDOW = 10;
    private static final int SERIES = 1000;
    private final DriftDetector detector = new DriftDetector(new DriftSettings(LEVEL, WINDOW));

    @Test
    void withoutDriftEachTestAlarmsAtMostAtItsLevel() {
        int runs = 30;
        int trendTests = 0;
        int trendAlarms = 0;
        int stepTests = 0;
        int stepAlarms = 0;
        for (int seed = 0; seed < SERIES; seed++) {
            List<MetricValue> series = passRates(seed, runs, run -> 0.8);
            for (int i = 1; i < runs; i++) {
                stepTests++;
                stepAlarms += detector.step("r" + (i - 1), series.get(i - 1), "r" + i, series.get(i)).isPresent()
                        ? 1 : 0;
            }
            for (int end = WINDOW; end <= runs; end += WINDOW) {
                trendTests++;
                trendAlarms += detector.trend(RunMetrics.PASS, "a", "b", values(series.subList(end - WINDOW, end)))
                        .isPresent() ? 1 : 0;
            }
        }
        double trendRate = (double) trendAlarms / trendTests;
        double stepRate = (double) stepAlarms / stepTests;
        System.out.printf(Locale.ROOT, "no drift: trend false alarms %.4f (%d windows), step false alarms %.4f "
                + "(%d comparisons) at level %.2f%n", trendRate, trendTests, stepRate, stepTests, LEVEL);
        // The estimate's own noise: three standard errors above the level.
        assertThat(trendRate).isLessThanOrEqualTo(LEVEL + 3 * Math.sqrt(LEVEL * (1 - LEVEL) / trendTests));
        assertThat(stepRate).isLessThanOrEqualTo(LEVEL + 3 * Math.sqrt(LEVEL * (1 - LEVEL) / stepTests));
    }

    @Test
    void distributionTestsAlarmAtMostAtTheirLevelOnDiscreteAndContinuousFigures() {
        int tests = 2000;
        int tokenAlarms = 0;
        int latencyAlarms = 0;
        Random random = new Random(11);
        for (int t = 0; t < tests; t++) {
            double[][] tokens = new double[2][300];
            double[][] latency = new double[2][300];
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 300; i++) {
                    tokens[s][i] = Math.round(40 + random.nextGaussian() * 6); // integer counts: many ties
                    latency[s][i] = Math.exp(5 + random.nextGaussian() * 0.3);
                }
            }
            tokenAlarms += detector.distribution("tokens", "a", tokens[0], "b", tokens[1]).isPresent() ? 1 : 0;
            latencyAlarms += detector.distribution("latency", "a", latency[0], "b", latency[1]).isPresent() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "no shift: KS false alarms %.4f (integer tokens), %.4f (latency)%n",
                (double) tokenAlarms / tests, (double) latencyAlarms / tests);
        double bound = LEVEL + 3 * Math.sqrt(LEVEL * (1 - LEVEL) / tests);
        assertThat((double) tokenAlarms / tests).isLessThanOrEqualTo(bound);
        assertThat((double) latencyAlarms / tests).isLessThanOrEqualTo(bound);
    }

    @Test
    void aShiftOfOutputLengthIsFoundByTheDistributionTest() {
        Random random = new Random(5);
        double[] before = new double[300];
        double[] after = new double[300];
        for (int i = 0; i < 300; i++) {
            before[i] = Math.round(200 + random.nextGaussian() * 40);
            // Same mean, a wider spread: a shift a comparison of means would miss.
            after[i] = Math.round(200 + random.nextGaussian() * 80);
        }
        assertThat(detector.distribution("output_chars", "a", before, "b", after)).isPresent();
    }

    /**
     * Ten stable runs at 80%, then the pass rate slides one point per run. A run-to-run step of one point is far
     * inside the interval of the difference (about eight points at 200 cases); the trend test over the last ten
     * runs is the one that sees it.
     */
    @Test
    void aSlowSlideOfOnePointPerRunIsDetectedWithinTwelveRuns() {
        int stable = 10;
        int drifting = 25;
        double slope = -0.01;
        List<Integer> delays = new ArrayList<>();
        int missed = 0;
        int stepAlarmsWhileDrifting = 0;
        int stepTests = 0;
        for (int seed = 0; seed < SERIES; seed++) {
            List<MetricValue> series = passRates(10_000 + seed, stable + drifting,
                    run -> run < stable ? 0.8 : 0.8 + slope * (run - stable + 1));
            Integer delay = null;
            for (int end = stable + 1; end <= series.size(); end++) {
                if (delay == null && detector.trend(RunMetrics.PASS, "a", "b",
                        values(series.subList(end - WINDOW, end))).filter(DriftFinding::worse).isPresent()) {
                    delay = end - stable; // runs of drift seen when the alarm came
                }
                stepTests++;
                stepAlarmsWhileDrifting += detector.step("p", series.get(end - 2), "c", series.get(end - 1))
                        .isPresent() ? 1 : 0;
            }
            if (delay == null) {
                missed++;
            } else {
                delays.add(delay);
            }
        }
        int[] sorted = delays.stream().mapToInt(Integer::intValue).sorted().toArray();
        int median = sorted[sorted.length / 2];
        int p90 = sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
        double stepRate = (double) stepAlarmsWhileDrifting / stepTests;
        System.out.printf(Locale.ROOT, "slow drift of %.0f point per run: detected after a median of %d runs "
                + "(90th percentile %d, missed in %d of %d series within %d runs); run-to-run steps flagged %.3f "
                + "of comparisons%n", -slope * 100, median, p90, missed, SERIES, drifting, stepRate);
        assertThat(median).isLessThanOrEqualTo(9);
        assertThat(p90).isLessThanOrEqualTo(12);
        assertThat(missed).isLessThanOrEqualTo(SERIES / 100);
        // What makes the trend test necessary: single comparisons rarely see the slide.
        assertThat(stepRate).isLessThan(0.2);
    }

    /** A series of recorded pass rates: Binomial(200, p(run)) passes a run, each with its Wilson interval. */
    static List<MetricValue> passRates(long seed, int runs, java.util.function.IntToDoubleFunction p) {
        Well19937c random = new Well19937c(seed);
        List<MetricValue> series = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            int passed = new BinomialDistribution(random, CASES, p.applyAsDouble(run)).sample();
            series.add(rate(passed));
        }
        return series;
    }

    private static MetricValue rate(int passed) {
        return RunMetrics.rate(RunMetrics.PASS, passed, CASES);
    }

    private static double[] values(List<MetricValue> values) {
        return values.stream().mapToDouble(MetricValue::value).toArray();
    }
}
