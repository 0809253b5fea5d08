package dev.evalgate.engine.gate;

import static dev.evalgate.engine.compare.SyntheticRuns.id;
import static dev.evalgate.engine.compare.SyntheticRuns.run;
import static dev.evalgate.engine.compare.SyntheticRuns.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.CompareOptions;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.compare.Estimate;
import dev.evalgate.engine.compare.McNemarTest;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.compare.PairedTest;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.compare.SyntheticRuns;
import dev.evalgate.engine.compare.WilcoxonTest;

/**
 * The gate on simulated runs whose truth is known, for suites of 5 to 2,000 cases: two runs of the same bundle differ
 * only by noise, so every gate failure between them is a false alarm; a planted regression shows how often a real
 * drop is caught. Pass/fail verdicts are gated on the pass rate (McNemar) and on the pass/fail scorer (Wilcoxon, all
 * differences tied), a continuous scorer on its mean (Wilcoxon).
 *
 * <p>Thousands of trials go through the statistics the gate decides on ({@link MetricDelta#significantRegression},
 * which is the gate's {@code max_regression} rule at {@code max_drop: 0}); {@link #theGateDecidesLikeTheSimulation}
 * checks that on a sample of trials the real comparator and gate reach the same verdicts.
 *
 * <p>The gate fails on a significant drop only, one side of a two-sided test at 0.05, so its false-alarm rate should
 * be about 0.025 or less (the exact tests are conservative). Each size must stay at or below the level itself; the
 * rate pooled over all sizes must stay below 0.025 plus three standard errors.
 *
 * <p>{@code -Devalgate.simulation.trials=N} (default 400) sets the trials per size, for a longer run that prints the
 * figures with less Monte Carlo error:
 * <pre>
 * mvn -B -q -pl harness-engine -am test -Dtest=GateSimulationTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Devalgate.simulation.trials=20000
 * </pre>
 */
class GateSimulationTest {
    private static final double LEVEL = 0.05;
    private static final int[] SIZES = {5, 10, 20, 50, 100, 200, 500, 1000, 2000};
    private static final int TRIALS = Integer.getInteger("evalgate.simulation.trials", 400);
    private static final GatePolicy PASS_FAIL = policy(MetricDelta.OVERALL_PASS, "exact");
    private static final GatePolicy CONTINUOUS = policy("f1");
    /** Intervals are not needed by the gate; skipping them keeps the trials fast. */
    private static final RunComparator COMPARATOR = new RunComparator(new CompareOptions(1, 0, 0.95, false));

    private static GatePolicy policy(String... metrics) {
        List<GateRule> rules = new ArrayList<>();
        for (String metric : metrics) {
            rules.add(new GateRule.MaxRegression(metric, 0.0, LEVEL, SourceLocation.NONE));
        }
        return new GatePolicy(LEVEL, 10, rules, Map.of(), SourceLocation.NONE);
    }

    /** A suite whose truth is known: draws the per-case values of a run, with or without the planted regression. */
    private interface Suite {
        double[] draw(boolean regressed, Random random);

        /** Whether the gate fails the candidate against the baseline, by the statistics it decides on. */
        boolean gateFails(double[] baseline, double[] candidate);

        List<CaseResult> results(double[] values);

        GatePolicy policy();
    }

    @Test
    void passFailFalseAlarmsStayBelowTheLevelAndRegressionsAreCaught() {
        double[] power = simulate("pass/fail", GateSimulationTest::passFailSuite);
        // A tenth of the cases breaking against noise from about 30% flaky cases.
        assertThat(power[indexOf(1000)]).isGreaterThanOrEqualTo(0.95);
        assertThat(power[indexOf(2000)]).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void continuousFalseAlarmsStayBelowTheLevelAndRegressionsAreCaught() {
        double[] power = simulate("continuous", GateSimulationTest::continuousSuite);
        assertThat(power[indexOf(1000)]).isGreaterThanOrEqualTo(0.95);
        assertThat(power[indexOf(2000)]).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void theGateDecidesLikeTheSimulation() {
        // The same draws through RunComparator and Gate: the verdicts must be those the simulation counts.
        int disagreements = 0;
        int failures = 0;
        for (int n : new int[] {5, 50, 500}) {
            for (int t = 0; t < 30; t++) {
                for (boolean continuous : new boolean[] {false, true}) {
                    Random random = new Random(7_000_003L * n + t);
                    Suite suite = continuous ? continuousSuite(n, random) : passFailSuite(n, random);
                    double[] base = suite.draw(false, random);
                    double[] cand = suite.draw(t % 2 == 0, random);
                    var baseRun = run("base", suite.results(base));
                    var candRun = run("cand", suite.results(cand));
                    boolean gateFailed = !new Gate(suite.policy())
                            .evaluate(candRun, COMPARATOR.compare(baseRun, candRun)).passed();
                    disagreements += gateFailed == suite.gateFails(base, cand) ? 0 : 1;
                    failures += gateFailed ? 1 : 0;
                }
            }
        }
        assertThat(disagreements).isZero();
        assertThat(failures).as("the sample must include gate failures to compare").isGreaterThan(10);
    }

    private static int indexOf(int size) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == size) {
                return i;
            }
        }
        throw new IllegalArgumentException("no size " + size);
    }

    /** Runs the trials for every size, checks the false-alarm rates and returns the detection rate per size. */
    private static double[] simulate(String name, java.util.function.BiFunction<Integer, Random, Suite> suites) {
        double[] power = new double[SIZES.length];
        long falseAlarms = 0;
        long trialsRun = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%s, %d trials per size, level %.2f:%n"
                + "%8s %12s %12s%n", name, TRIALS, LEVEL, "cases", "false alarm", "detection"));
        for (int s = 0; s < SIZES.length; s++) {
            int n = SIZES[s];
            int alarms = 0;
            int detected = 0;
            for (int t = 0; t < TRIALS; t++) {
                Random random = new Random(1_000_003L * n + t);
                Suite suite = suites.apply(n, random);
                double[] base = suite.draw(false, random);
                alarms += suite.gateFails(base, suite.draw(false, random)) ? 1 : 0;
                detected += suite.gateFails(base, suite.draw(true, random)) ? 1 : 0;
            }
            double rate = (double) alarms / TRIALS;
            power[s] = (double) detected / TRIALS;
            falseAlarms += alarms;
            trialsRun += TRIALS;
            table.append(String.format(Locale.ROOT, "%8d %12.4f %12.4f%n", n, rate, power[s]));
            assertThat(rate).as("%s false-alarm rate at n = %d", name, n).isLessThanOrEqualTo(LEVEL);
        }
        System.out.print(table);
        double pooled = (double) falseAlarms / trialsRun;
        assertThat(pooled).as("%s false-alarm rate over all sizes", name)
                .isLessThanOrEqualTo(LEVEL / 2 + 3 * Math.sqrt(LEVEL / 2 * (1 - LEVEL / 2) / trialsRun));
        for (int s = 1; s < SIZES.length; s++) {
            // More cases, same share broken: detection must not fall by more than trial noise.
            assertThat(power[s]).as("%s detection at n = %d", name, SIZES[s])
                    .isGreaterThanOrEqualTo(power[s - 1] - 4 * Math.sqrt(0.25 / TRIALS));
        }
        return power;
    }

    /** The gate's max_regression rule at max_drop 0, from the metric's statistics. */
    private static boolean regression(double[] baseline, double[] candidate, MetricDelta.Kind kind,
                                      PairedTest test) {
        double sum = 0;
        for (int i = 0; i < baseline.length; i++) {
            sum += candidate[i] - baseline[i];
        }
        Estimate none = new Estimate(Double.NaN, Double.NaN, Double.NaN, baseline.length, 0.95);
        Estimate delta = new Estimate(sum / baseline.length, Double.NaN, Double.NaN, baseline.length, 0.95);
        return new MetricDelta("m", kind, true, none, none, delta, test).significantRegression(LEVEL);
    }

    /**
     * Pass/fail verdicts: 60% of cases pass stably (0.99), 10% fail stably (0.02), 30% are flaky with a pass
     * probability anywhere in [0.2, 0.8]. The planted regression makes a tenth of the cases (at least one) that
     * pass stably fail always.
     */
    private static Suite passFailSuite(int n, Random random) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            p[i] = u < 0.6 ? 0.99 : u < 0.7 ? 0.02 : 0.2 + 0.6 * random.nextDouble();
        }
        boolean[] broken = new boolean[n];
        for (int i = 0, planted = 0; i < n && planted < Math.max(1, n / 10); i++) {
            if (p[i] > 0.9) {
                broken[i] = true;
                planted++;
            }
        }
        return new Suite() {
            @Override
            public double[] draw(boolean regressed, Random r) {
                double[] passed = new double[n];
                for (int i = 0; i < n; i++) {
                    passed[i] = !(regressed && broken[i]) && r.nextDouble() < p[i] ? 1 : 0;
                }
                return passed;
            }

            @Override
            public boolean gateFails(double[] b, double[] c) {
                int better = 0;
                int worse = 0;
                for (int i = 0; i < n; i++) {
                    better += c[i] > b[i] ? 1 : 0;
                    worse += c[i] < b[i] ? 1 : 0;
                }
                return regression(b, c, MetricDelta.Kind.PASS_RATE, McNemarTest.test(better, worse, n))
                        || regression(b, c, MetricDelta.Kind.SCORE, WilcoxonTest.test(b, c));
            }

            @Override
            public List<CaseResult> results(double[] values) {
                boolean[] passed = new boolean[n];
                for (int i = 0; i < n; i++) {
                    passed[i] = values[i] == 1;
                }
                return verdicts(passed);
            }

            @Override
            public GatePolicy policy() {
                return PASS_FAIL;
            }
        };
    }

    /**
     * A continuous scorer (think token F1): each case has a true quality in [0, 1]; half of the cases are
     * non-deterministic and each run observes them with noise (sd 0.1), clipped to [0, 1], so ties at 0 and 1
     * and zero differences occur. The planted regression takes 0.3 off a tenth of the cases (at least one).
     */
    private static Suite continuousSuite(int n, Random random) {
        double[] quality = new double[n];
        boolean[] noisy = new boolean[n];
        boolean[] broken = new boolean[n];
        for (int i = 0; i < n; i++) {
            quality[i] = random.nextDouble();
            noisy[i] = random.nextBoolean();
        }
        for (int i = 0, planted = 0; i < n && planted < Math.max(1, n / 10); i++) {
            if (quality[i] >= 0.3) {
                broken[i] = true;
                planted++;
            }
        }
        return new Suite() {
            @Override
            public double[] draw(boolean regressed, Random r) {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    double q = regressed && broken[i] ? quality[i] - 0.3 : quality[i];
                    out[i] = Math.max(0, Math.min(1, q + (noisy[i] ? r.nextGaussian() * 0.1 : 0)));
                }
                return out;
            }

            @Override
            public boolean gateFails(double[] b, double[] c) {
                return regression(b, c, MetricDelta.Kind.SCORE, WilcoxonTest.test(b, c));
            }

            @Override
            public List<CaseResult> results(double[] values) {
                List<CaseResult> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(SyntheticRuns.result(id(i), 0, List.of(new Score("f1", values[i], values[i] >= 0.5, "",
                            Map.of()))));
                }
                return out;
            }

            @Override
            public GatePolicy policy() {
                return CONTINUOUS;
            }
        };
    }

    @Test
    void aMeanPulledDownByOneCaseWhileMostImprovedIsNotARegression() {
        // Twelve cases improve by 0.05 each, one falls by 0.9: the mean falls (-0.023), but the signed-rank test
        // points to better: the twelve tied gains share midrank 6.5, so V = 78 of 91; exactly, 80 of the 2^13 sign
        // patterns reach V >= 78 (all twelve gains positive, or ten or more with the big one positive too), so
        // p = 2 * 80 / 8192 = 0.0195. A significant test in the other direction must not fail the gate as a
        // regression.
        List<CaseResult> before = new ArrayList<>();
        List<CaseResult> after = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            double b = 0.9;
            double a = i == 12 ? 0.0 : 0.95;
            before.add(SyntheticRuns.result(id(i), 0, List.of(new Score("f1", b, true, "", Map.of()))));
            after.add(SyntheticRuns.result(id(i), 0, List.of(new Score("f1", a, a >= 0.5, "", Map.of()))));
        }
        var base = run("base", before);
        var cand = run("cand", after);
        Comparison comparison = COMPARATOR.compare(base, cand);
        MetricDelta f1 = comparison.metric("f1").orElseThrow();
        assertThat(f1.delta().mean()).isNegative();
        assertThat(f1.test().statistic()).isEqualTo(78.0);
        assertThat(f1.test().pValue()).isCloseTo(160.0 / 8192, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(f1.test().direction()).isEqualTo(1);
        assertThat(f1.significantRegression(LEVEL)).isFalse();

        GateVerdict verdict = new Gate(CONTINUOUS).evaluate(cand, comparison);
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void thePlantedRegressionFailsTheGateAndNamesItsCases() {
        final int cases = 400;
        GatePolicy passRule = policy(MetricDelta.OVERALL_PASS);
        // Without noise: 400 cases, every case except the failing tenth passes in both runs, and the candidate
        // breaks 20 cases (5%).
        boolean[] before = new boolean[cases];
        boolean[] after = new boolean[cases];
        for (int i = 0; i < cases; i++) {
            before[i] = i % 10 != 0;
            after[i] = before[i] && !(i % 20 == 1);
        }
        Comparison comparison = COMPARATOR.compare(run("base", verdicts(before)), run("cand", verdicts(after)));
        GateVerdict verdict = new Gate(passRule).evaluate(run("cand", verdicts(after)), comparison);

        assertThat(comparison.count(DiffStatus.REGRESSED)).isEqualTo(20);
        assertThat(comparison.cases(DiffStatus.REGRESSED).get(0).key()).isEqualTo("qa/" + id(1));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.exitCode().code()).isEqualTo(1);
        Violation violation = verdict.violations().get(0);
        assertThat(violation.rule()).isEqualTo("max_regression[pass]");
        assertThat(violation.observed()).isEqualTo(-0.05);
        assertThat(violation.limit()).isEqualTo(0.0);
        assertThat(violation.offendingCases()).isEqualTo(20);
        assertThat(violation.caseIds()).hasSize(10).startsWith("qa/" + id(1), "qa/" + id(21));
        assertThat(violation.message()).contains("dropped from 0.900 to 0.850", "mcnemar-exact", "20 cases worse");
    }

}
