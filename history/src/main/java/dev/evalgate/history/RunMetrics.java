package dev.evalgate.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.compare.Bootstrap;
import dev.evalgate.engine.compare.Estimate;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.internal.ResultDigest;

/**
 * The figures recorded for each run, named as the gate names them: {@code pass} (every trusted scorer passes), a
 * scorer's name for its mean score, {@code SCORER.pass_rate}, and the cost and speed figures. Rates carry a Wilson
 * interval, means a seeded bootstrap interval, so a figure recorded twice is the same.
 */
public final class RunMetrics {
    public static final String PASS = MetricDelta.OVERALL_PASS;
    public static final String PASS_RATE_SUFFIX = ".pass_rate";
    public static final String LATENCY_P50 = "latency_p50_ms";
    public static final String LATENCY_P95 = "latency_p95_ms";
    public static final String COMPLETION_TOKENS = "completion_tokens_per_result";
    public static final String OUTPUT_CHARS = "output_chars_per_result";
    public static final String ERRORED = "errored_results";

    private static final double CONFIDENCE = 0.95;
    private static final double Z = 1.959963984540054;
    private static final int RESAMPLES = 1000;
    private static final long SEED = 20261130L;

    private RunMetrics() {
    }

    public static List<MetricValue> of(RunResult run) {
        // From the results' digest: every figure here is a number it holds, so no result is read again.
        ResultDigest d = ResultDigest.of(run.results());
        int n = d.size();
        List<MetricValue> metrics = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < n; i++) {
            passed += d.trustedPassed(i) ? 1 : 0;
        }
        metrics.add(rate(PASS, passed, n));

        ScorerValues[] byScorer = new ScorerValues[d.scorers().size()];
        for (int s = 0; s < byScorer.length; s++) {
            byScorer[s] = new ScorerValues();
        }
        for (int i = 0; i < n; i++) {
            d.forEachScore(i, (scorer, value, passedScore, undecided, untrusted) ->
                    byScorer[scorer].add(value, passedScore));
        }
        for (int s = 0; s < byScorer.length; s++) {
            String scorer = d.scorers().get(s);
            metrics.add(mean(scorer, byScorer[s].values()));
            metrics.add(rate(scorer + PASS_RATE_SUFFIX, byScorer[s].passed, byScorer[s].count));
        }

        RunSummary summary = run.summary();
        double[] completionTokens = new double[n];
        double[] outputChars = new double[n];
        int errored = 0;
        for (int i = 0; i < n; i++) {
            completionTokens[i] = d.completionTokens(i);
            outputChars[i] = d.outputChars(i);
            errored += d.errored(i) ? 1 : 0;
        }
        metrics.add(new MetricValue(LATENCY_P50, summary.latencyP50Ms(), Double.NaN, Double.NaN, n));
        metrics.add(new MetricValue(LATENCY_P95, summary.latencyP95Ms(), Double.NaN, Double.NaN, n));
        metrics.add(mean(COMPLETION_TOKENS, completionTokens));
        metrics.add(mean(OUTPUT_CHARS, outputChars));
        metrics.add(new MetricValue(ERRORED, errored, Double.NaN, Double.NaN, n));
        return metrics;
    }

    /** One scorer's values over the run, in order, and how many of its scores passed. */
    private static final class ScorerValues {
        private double[] values = new double[64];
        private int count;
        private int passed;

        void add(double value, boolean passedScore) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = value;
            passed += passedScore ? 1 : 0;
        }

        double[] values() {
            return Arrays.copyOf(values, count);
        }
    }

    /** A rate with its Wilson interval, as recorded for every pass rate. */
    public static MetricValue rate(String name, int passed, int n) {
        double[] ci = wilson(passed, n);
        return new MetricValue(name, n == 0 ? Double.NaN : (double) passed / n, ci[0], ci[1], n);
    }

    static MetricValue mean(String name, double[] values) {
        Estimate e = Bootstrap.mean(values, RESAMPLES, CONFIDENCE, SEED);
        return new MetricValue(name, e.mean(), e.lower(), e.upper(), e.n());
    }

    /** Wilson score interval: honest near 0 and 1, where the normal approximation leaves [0, 1]. */
    static double[] wilson(int passed, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) passed / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
