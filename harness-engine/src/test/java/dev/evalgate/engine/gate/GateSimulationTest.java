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
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.compare.SyntheticRuns;

/**
 * The gate on simulated runs whose truth is known: each case has a true pass probability, and a run draws each
 * verdict from it. Two runs of the same bundle differ only by this noise; a planted regression makes some cases
 * always fail.
 */
class GateSimulationTest {
    private static final int CASES = 400;
    private static final double LEVEL = 0.05;
    private static final GatePolicy POLICY = new GatePolicy(LEVEL, 10, List.of(
            new GateRule.MaxRegression(MetricDelta.OVERALL_PASS, 0.0, LEVEL, SourceLocation.NONE)), Map.of(),
            SourceLocation.NONE);
    /** Intervals are not needed by the gate; skipping them keeps 1,000 trials fast. */
    private static final RunComparator COMPARATOR = new RunComparator(new CompareOptions(1, 0, 0.95, false));

    /**
     * True pass probabilities of a realistic suite run at temperature 0 with seeds: most cases are stable passes,
     * some stable failures, a few genuinely flaky.
     */
    private static double[] truePassProbabilities(Random random) {
        double[] p = new double[CASES];
        for (int i = 0; i < CASES; i++) {
            double u = random.nextDouble();
            p[i] = u < 0.85 ? 0.99 : u < 0.95 ? 0.02 : 0.5;
        }
        return p;
    }

    private static boolean[] draw(double[] p, Random random) {
        boolean[] passed = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            passed[i] = random.nextDouble() < p[i];
        }
        return passed;
    }

    @Test
    void pureNoiseRarelyFailsTheGate() {
        int trials = 1000;
        int gateFailed = 0;
        int significantEitherWay = 0;
        for (int t = 0; t < trials; t++) {
            Random random = new Random(10_000L + t);
            double[] p = truePassProbabilities(random);
            Comparison comparison = COMPARATOR.compare(run("base", verdicts(draw(p, random))),
                    run("cand", verdicts(draw(p, random))));
            GateVerdict verdict = new Gate(POLICY).evaluate(run("cand", List.of()), comparison);
            gateFailed += verdict.passed() ? 0 : 1;
            significantEitherWay += comparison.metric(MetricDelta.OVERALL_PASS).orElseThrow().test()
                    .significantAt(LEVEL) ? 1 : 0;
        }
        double falseAlarmRate = (double) gateFailed / trials;
        double twoSidedRate = (double) significantEitherWay / trials;
        System.out.printf(Locale.ROOT, "noise: %d trials x %d cases, level %.2f: gate false-alarm rate %.4f, "
                + "two-sided significance rate %.4f%n", trials, CASES, LEVEL, falseAlarmRate, twoSidedRate);
        // The gate fails only on a significant drop, one side of a two-sided test at 0.05, so its false-alarm rate
        // should be at most 0.025 (McNemar's exact and continuity-corrected forms are conservative, so usually
        // less). With 1,000 trials the standard error of a rate near 0.025 is sqrt(0.025 * 0.975 / 1000) = 0.005;
        // three standard errors above 0.025 gives the bound 0.040. Either direction together must stay near the
        // nominal 0.05: 0.05 + 3 * sqrt(0.05 * 0.95 / 1000) = 0.071.
        assertThat(falseAlarmRate).isLessThanOrEqualTo(0.040);
        assertThat(twoSidedRate).isLessThanOrEqualTo(0.071);
    }

    @Test
    void aRegressionOnFivePercentOfCasesIsDetected() {
        int trials = 300;
        int detected = 0;
        for (int t = 0; t < trials; t++) {
            Random random = new Random(50_000L + t);
            double[] p = truePassProbabilities(random);
            double[] broken = plantRegression(p, CASES / 20);
            Comparison comparison = COMPARATOR.compare(run("base", verdicts(draw(p, random))),
                    run("cand", verdicts(draw(broken, random))));
            detected += new Gate(POLICY).evaluate(run("cand", List.of()), comparison).passed() ? 0 : 1;
        }
        double power = (double) detected / trials;
        System.out.printf(Locale.ROOT, "planted regression on 5%% of cases: %d trials x %d cases, level %.2f: "
                + "detection rate %.4f%n", trials, CASES, LEVEL, power);
        // 20 stable passes turned into failures against about 18 noise discordant pairs split evenly: McNemar's
        // chi-square is about (20 - 1)^2 / 38 = 9.5 (p about 0.002), so nearly every trial must detect it.
        assertThat(power).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void thePlantedRegressionFailsTheGateAndNamesItsCases() {
        // Without noise: 400 cases, every case except the failing tenth passes in both runs, and the candidate
        // breaks 20 cases (5%).
        boolean[] before = new boolean[CASES];
        boolean[] after = new boolean[CASES];
        for (int i = 0; i < CASES; i++) {
            before[i] = i % 10 != 0;
            after[i] = before[i] && !(i % 20 == 1);
        }
        Comparison comparison = COMPARATOR.compare(run("base", verdicts(before)), run("cand", verdicts(after)));
        GateVerdict verdict = new Gate(POLICY).evaluate(run("cand", verdicts(after)), comparison);

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

    @Test
    void continuousScoresPureNoiseRarelyFailsAndAFivePercentDropIsDetected() {
        // A continuous scorer (think token F1): each case has a true quality. At temperature 0 with seeds most
        // outputs repeat exactly; a fifth of the cases are non-deterministic and each run observes them with noise
        // (sd 0.1), clipped to [0, 1]. The gate watches the scorer with Wilcoxon's signed-rank test.
        GatePolicy policy = new GatePolicy(LEVEL, 10, List.of(new GateRule.MaxRegression("f1", 0.0, LEVEL,
                SourceLocation.NONE)), Map.of(), SourceLocation.NONE);
        int trials = 500;
        int cases = 200;
        int falseAlarms = 0;
        int detected = 0;
        for (int t = 0; t < trials; t++) {
            Random random = new Random(90_000L + t);
            double[] quality = new double[cases];
            boolean[] noisy = new boolean[cases];
            for (int i = 0; i < cases; i++) {
                quality[i] = random.nextDouble();
                noisy[i] = random.nextDouble() < 0.2;
            }
            // Planted: 5% of cases (10, among those of quality 0.5 or more) lose 0.5 of their quality.
            boolean[] broken = new boolean[cases];
            for (int i = 0, planted = 0; i < cases && planted < cases / 20; i++) {
                if (quality[i] >= 0.5) {
                    broken[i] = true;
                    planted++;
                }
            }
            var base = run("base", scored(quality, noisy, new boolean[cases], random));
            var same = run("cand", scored(quality, noisy, new boolean[cases], random));
            var worse = run("cand", scored(quality, noisy, broken, random));
            falseAlarms += new Gate(policy).evaluate(same, COMPARATOR.compare(base, same)).passed() ? 0 : 1;
            detected += new Gate(policy).evaluate(worse, COMPARATOR.compare(base, worse)).passed() ? 0 : 1;
        }
        double falseAlarmRate = (double) falseAlarms / trials;
        double power = (double) detected / trials;
        System.out.printf(Locale.ROOT, "continuous scores: %d trials x %d cases, level %.2f: false-alarm rate %.4f, "
                + "detection rate of a 0.5 drop on 5%% of cases %.4f%n", trials, cases, LEVEL, falseAlarmRate, power);
        // One side of a two-sided 0.05 test: at most 0.025 expected; 3 standard errors over 500 trials
        // (3 * sqrt(0.025 * 0.975 / 500) = 0.021) give the bound 0.046.
        assertThat(falseAlarmRate).isLessThanOrEqualTo(0.046);
        // Power is modest by design of a rank test: about 50 informative pairs (40 noisy, 10 broken), the broken
        // ones hold the 10 top ranks, so W+ is about 410 against a mean of 637.5 and an sd of 103.6: z about 2.2,
        // p about 0.03, detected in roughly 60% of trials (measured 0.65). The floor catches a test that lost power.
        assertThat(power).isGreaterThanOrEqualTo(0.50);
    }

    private static List<CaseResult> scored(double[] quality, boolean[] noisy, boolean[] broken, Random random) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < quality.length; i++) {
            double q = broken[i] ? quality[i] - 0.5 : quality[i];
            double v = Math.max(0, Math.min(1, q + (noisy[i] ? random.nextGaussian() * 0.1 : 0)));
            out.add(SyntheticRuns.result(id(i), 0, List.of(new Score("f1", v, v >= 0.5, "", Map.of()))));
        }
        return out;
    }

    /** The first {@code count} stable passes always fail in the candidate. */
    private static double[] plantRegression(double[] p, int count) {
        double[] broken = p.clone();
        int planted = 0;
        for (int i = 0; i < broken.length && planted < count; i++) {
            if (broken[i] > 0.9) {
                broken[i] = 0.0;
                planted++;
            }
        }
        return broken;
    }
}
