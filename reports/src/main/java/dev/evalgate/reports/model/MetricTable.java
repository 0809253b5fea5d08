package dev.evalgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.engine.compare.CaseOutcomes;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.Estimate;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.compare.Reliability;
import dev.evalgate.engine.compare.WilcoxonTest;
import dev.evalgate.engine.cost.RunCosts;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.internal.ResultDigest;

/** The metrics table: each figure of the run with its interval, and its change against the baseline. */
final class MetricTable {
    private static final String NOTE_UNTESTED = "direction only, not a significance test";
    static final String UNKNOWN_COST = "unknown";
    private static final String NO_PRICE = "no price for the model in the suite's gate.prices";
    /** Level at which the table calls a tested change better or worse; the gate's rules set their own. */
    static final double SIGNIFICANCE = 0.05;

    private MetricTable() {
    }

    static List<MetricRow> of(RunResult run, Optional<RunResult> baseline, Optional<Comparison> comparison) {
        RunSummary now = run.summary();
        RunSummary before = baseline.map(RunResult::summary).orElse(null);
        List<MetricRow> rows = new ArrayList<>();
        if (comparison.isPresent()) {
            comparison.get().metricDeltas().forEach(d -> rows.add(tested(d)));
        } else {
            scoreRows(run, before, rows);
        }
        ResultDigest digest = ResultDigest.of(run.results());
        if (IntStream.range(0, digest.size()).anyMatch(i -> digest.repeat(i) > 0)) {
            Reliability r = CaseOutcomes.of(run).reliability();
            Reliability b = comparison.map(c -> c.baseline().reliability())
                    .orElseGet(() -> baseline.map(x -> CaseOutcomes.of(x).reliability()).orElse(null));
            rows.add(row("pass@" + r.repeats() + " (some repeat passes)", r.passAtK(), null,
                    b == null ? null : b.passAtK(), Kind.RATE));
            rows.add(row("pass^" + r.repeats() + " (every repeat passes)", r.passAllK(), null,
                    b == null ? null : b.passAllK(), Kind.RATE));
            rows.add(row("flip rate (two repeats disagree)", r.flipRate(), null, b == null ? null : b.flipRate(),
                    Kind.RATE_LOWER_BETTER));
        }
        rows.add(row("errored results", now.errored(), null, before == null ? null : (double) before.errored(),
                Kind.COUNT_LOWER_BETTER));
        rows.add(row("latency p50", now.latencyP50Ms(), null, before == null ? null : before.latencyP50Ms(),
                Kind.MILLIS));
        rows.add(row("latency p95", now.latencyP95Ms(), null, before == null ? null : before.latencyP95Ms(),
                Kind.MILLIS));
        rows.add(row("completion tokens per result", perResult(now.completionTokens(), now.results()), null,
                before == null ? null : perResult(before.completionTokens(), before.results()), Kind.TOKENS));
        rows.add(row("repair attempts", now.repairAttempts(), null,
                before == null ? null : (double) before.repairAttempts(), Kind.COUNT_LOWER_BETTER));
        rows.add(row("fallback outputs", now.fallbacks(), null, before == null ? null : (double) before.fallbacks(),
                Kind.COUNT_LOWER_BETTER));
        rows.add(modelCalls(now, before));
        costRows(run, baseline.orElse(null), rows);
        return rows;
    }

    /**
     * What the run cost at the prices it recorded: in total, per result, for the model and for each judging scorer.
     * A missing price shows as unknown, never as a free run; a run without any price shows no cost rows at all.
     */
    private static void costRows(RunResult run, RunResult baseline, List<MetricRow> rows) {
        RunPricing pricing = RunCosts.pricing(run);
        if (pricing.modelPrice().isEmpty() && pricing.judgePrice().isEmpty()) {
            rows.add(new MetricRow("cost", UNKNOWN_COST, "", "", "", "", "", NO_PRICE, false));
            return;
        }
        RunCosts now = RunCosts.of(run);
        RunCosts before = baseline == null ? null : RunCosts.of(baseline);
        int n = run.summary().results();
        rows.add(cost("cost (total)", now.total(), before == null ? null : before.total()));
        rows.add(cost("cost per result", now.perResult(n), before == null ? null
                : before.perResult(baseline.summary().results())));
        rows.add(cost("model cost", now.model(), before == null ? null : before.model()));
        now.byScorer().forEach((scorer, c) -> rows.add(cost("judge cost (" + scorer + ")", c,
                before == null ? null : before.byScorer().getOrDefault(scorer, OptionalDouble.empty()))));
    }

    private static MetricRow cost(String name, OptionalDouble value, OptionalDouble baseline) {
        if (value.isEmpty()) {
            return new MetricRow(name, UNKNOWN_COST, "", baseline == null ? "" : RunCosts.format(baseline), "", "",
                    "", NO_PRICE, false);
        }
        return row(name, value.getAsDouble(), null, baseline == null || baseline.isEmpty() ? null
                : baseline.getAsDouble(), Kind.COST);
    }

    /** Result-level pass rates and mean scores, compared by direction only: used when no comparison was made. */
    private static void scoreRows(RunResult run, RunSummary before, List<MetricRow> rows) {
        RunSummary now = run.summary();
        double[] ci = Intervals.wilson(now.passed(), now.results());
        rows.add(rate("pass rate (all scorers)", now.passed(), now.results(), ci,
                before == null ? null : before.passRate()));
        Map<String, double[]> values = scoreValues(run);
        Map<String, ScorerSummary> beforeScorers = new LinkedHashMap<>();
        if (before != null) {
            before.scorers().forEach(s -> beforeScorers.put(s.name(), s));
        }
        for (ScorerSummary s : now.scorers()) {
            ScorerSummary b = beforeScorers.get(s.name());
            rows.add(rate(s.name() + " pass rate", s.passed(), s.scored(), Intervals.wilson(s.passed(), s.scored()),
                    b == null ? null : b.passRate()));
            double[] meanCi = Intervals.mean(values.getOrDefault(s.name(), new double[0]));
            rows.add(row(s.name() + " mean score", s.mean(), meanCi, b == null ? null : b.mean(), Kind.SCORE));
        }
    }

    /** A metric the engine compared over the shared cases, with its bootstrap intervals and paired test. */
    private static MetricRow tested(MetricDelta d) {
        Kind kind = d.kind() == MetricDelta.Kind.PASS_RATE ? Kind.RATE : Kind.SCORE;
        String name = d.metric().equals(MetricDelta.OVERALL_PASS) ? "pass rate (every scorer passes)"
                : d.metric() + (kind == Kind.RATE ? " pass rate" : " mean score");
        double delta = d.delta().mean();
        String deltaText = formatDelta(delta, kind) + (Double.isNaN(d.delta().lower()) ? ""
                : " [" + formatDelta(d.delta().lower(), kind) + ", " + formatDelta(d.delta().upper(), kind) + "]");
        boolean significant = d.significantRegression(SIGNIFICANCE) || d.significantImprovement(SIGNIFICANCE);
        String p = d.test().pValue() < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", d.test().pValue());
        String change;
        String changeText;
        if (Double.isNaN(delta) || Math.abs(delta) < 1e-9) {
            change = Double.isNaN(delta) ? "" : MetricRow.SAME;
            changeText = MetricRow.describe(change);
        } else if (significant) {
            change = delta > 0 ? MetricRow.BETTER : MetricRow.WORSE;
            changeText = MetricRow.describe(change) + " (" + p + ")";
        } else {
            change = "";
            changeText = (delta > 0 ? "\u25B3 higher" : "\u25BD lower") + ", not significant (" + p + ")";
        }
        String note = String.format(Locale.ROOT, "%s %s: %d better, %d worse of %d pairs; n = %d shared cases",
                d.test().method(), p, d.test().better(), d.test().worse(), d.test().pairs(), d.candidate().n())
                + monteCarlo(d.delta(), kind)
                + (d.trusted() ? "" : "; from a judge that failed calibration, so the gate ignores it");
        return new MetricRow(d.trusted() ? name : name + " (untrusted judge)", format(d.candidate().mean(), kind),
                interval(d.candidate(), kind), format(d.baseline().mean(), kind), deltaText, change, changeText,
                note, true);
    }

    /** How far the delta interval's ends would move with another bootstrap seed. */
    private static String monteCarlo(Estimate delta, Kind kind) {
        if (!delta.hasInterval() || Double.isNaN(delta.monteCarloError())) {
            return "";
        }
        String error = kind == Kind.RATE ? String.format(Locale.ROOT, "%.2f pp", delta.monteCarloError() * 100)
                : String.format(Locale.ROOT, "%.4f", delta.monteCarloError());
        return String.format(Locale.ROOT, "; \u0394 interval: %,d bootstrap resamples, ends \u00B1%s (95%% Monte Carlo)",
                delta.resamples(), error);
    }

    /**
     * Which test decides, for the report to say next to the verdict: the gate uses the paired tests, never the
     * intervals; empty without a comparison.
     */
    static Optional<String> statisticsNote(Optional<Comparison> comparison) {
        if (comparison.isEmpty() || comparison.get().metricDeltas().isEmpty()) {
            return Optional.empty();
        }
        int resamples = 0;
        double error = 0;
        double confidence = 0.95;
        for (MetricDelta d : comparison.get().metricDeltas()) {
            if (d.delta().hasInterval()) {
                resamples = Math.max(resamples, d.delta().resamples());
                error = Math.max(error, Double.isNaN(d.delta().monteCarloError()) ? 0 : d.delta().monteCarloError());
                confidence = d.delta().confidence();
            }
        }
        String intervals = resamples == 0 ? "no bootstrap intervals were computed"
                : String.format(Locale.ROOT, "the %d%% intervals are percentile bootstrap intervals of up to %,d "
                        + "resamples, ends within \u00B1%.4f (95%% Monte Carlo error), showing size, not the "
                        + "verdict", Math.round(confidence * 100), resamples, error);
        return Optional.of("Statistics: the gate decides on paired tests of the shared cases (McNemar for the pass "
                + "rate, Wilcoxon signed-rank for mean scores, exact up to " + WilcoxonTest.EXACT_UP_TO
                + " differing pairs) at each rule's level; " + intervals + ".");
    }

    private static String interval(Estimate e, Kind kind) {
        return Double.isNaN(e.lower()) ? "" : "[" + format(e.lower(), kind) + ", " + format(e.upper(), kind) + "]";
    }

    private static double perResult(long total, int results) {
        return results == 0 ? Double.NaN : (double) total / results;
    }

    private static Map<String, double[]> scoreValues(RunResult run) {
        ResultDigest d = ResultDigest.of(run.results());
        Map<String, List<Double>> byScorer = new LinkedHashMap<>();
        for (int i = 0; i < d.size(); i++) {
            d.forEachScore(i, (s, value, passed, undecided, untrusted) ->
                    byScorer.computeIfAbsent(d.scorers().get(s), k -> new ArrayList<>()).add(value));
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        byScorer.forEach((k, v) -> arrays.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    private enum Kind {
        RATE, RATE_LOWER_BETTER, SCORE, MILLIS, TOKENS, COUNT_LOWER_BETTER, COUNT, COST
    }

    /** Calls made and calls the inference cache served: a fully cached run measured no model speed. */
    private static MetricRow modelCalls(RunSummary now, RunSummary before) {
        int total = now.modelCalls() + now.cachedCalls();
        MetricRow row = row("model calls", total, null,
                before == null ? null : (double) (before.modelCalls() + before.cachedCalls()), Kind.COUNT);
        return new MetricRow(row.metric(), row.value() + " (" + now.cachedCalls() + " from cache)", row.interval(),
                row.baseline(), row.delta(), row.change(), row.changeText(), row.note(), false);
    }

    private static MetricRow rate(String name, int passed, int n, double[] ci, Double baseline) {
        double value = n == 0 ? Double.NaN : (double) passed / n;
        MetricRow row = row(name, value, ci, baseline, Kind.RATE);
        return new MetricRow(row.metric(), row.value() + " (" + passed + "/" + n + ")", row.interval(),
                row.baseline(), row.delta(), row.change(), row.changeText(), row.note(), false);
    }

    private static MetricRow row(String name, double value, double[] ci, Double baseline, Kind kind) {
        String interval = ci == null || Double.isNaN(ci[0]) ? "" : "[" + format(ci[0], kind) + ", "
                + format(ci[1], kind) + "]";
        if (baseline == null || baseline.isNaN() || Double.isNaN(value)) {
            return new MetricRow(name, format(value, kind), interval, baseline == null ? "" : format(baseline, kind),
                    "", "", "", "", false);
        }
        double delta = value - baseline;
        String change;
        if (Math.abs(delta) < 1e-9 || kind == Kind.TOKENS || kind == Kind.COUNT) {
            change = Math.abs(delta) < 1e-9 ? MetricRow.SAME : "";
        } else {
            boolean higherIsBetter = kind == Kind.RATE || kind == Kind.SCORE;
            change = (delta > 0) == higherIsBetter ? MetricRow.BETTER : MetricRow.WORSE;
        }
        String changeText = change.isEmpty() ? (delta > 0 ? "\u25B2 more" : "\u25BC fewer") : MetricRow.describe(change);
        return new MetricRow(name, format(value, kind), interval, format(baseline, kind), formatDelta(delta, kind),
                change, changeText, change.equals(MetricRow.SAME) ? "" : NOTE_UNTESTED, false);
    }

    static String format(double v, Kind kind) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return switch (kind) {
            case RATE, RATE_LOWER_BETTER -> String.format(Locale.ROOT, "%.1f%%", v * 100);
            case SCORE -> String.format(Locale.ROOT, "%.3f", v);
            case MILLIS -> String.format(Locale.ROOT, "%.0f ms", v);
            case TOKENS -> String.format(Locale.ROOT, "%.1f", v);
            case COUNT_LOWER_BETTER, COUNT -> String.format(Locale.ROOT, "%.0f", v);
            case COST -> String.format(Locale.ROOT, "%.6f", v);
        };
    }

    private static String formatDelta(double d, Kind kind) {
        return switch (kind) {
            case RATE, RATE_LOWER_BETTER -> String.format(Locale.ROOT, "%+.1f pp", d * 100);
            case SCORE -> String.format(Locale.ROOT, "%+.3f", d);
            case MILLIS -> String.format(Locale.ROOT, "%+.0f ms", d);
            case TOKENS -> String.format(Locale.ROOT, "%+.1f", d);
            case COUNT_LOWER_BETTER, COUNT -> String.format(Locale.ROOT, "%+.0f", d);
            case COST -> String.format(Locale.ROOT, "%+.6f", d);
        };
    }
}
