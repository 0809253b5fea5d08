package dev.evalgate.history.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.math3.distribution.NormalDistribution;

import dev.evalgate.engine.compare.MannKendallTest;
import dev.evalgate.history.HistoryQueries;
import dev.evalgate.history.MetricPoint;
import dev.evalgate.history.MetricValue;
import dev.evalgate.history.RunEntry;
import dev.evalgate.history.RunFilter;

/**
 * Finds drift in a suite's series of runs, three ways, each a test at the configured level:
 * <ul>
 *   <li>a step: a metric's change between consecutive runs is outside the 95%-equivalent interval of the
 *       difference (each run's interval gives its standard error);</li>
 *   <li>a distribution shift of a per-case figure (continuous scores, output length, completion tokens, latency)
 *       between consecutive runs: two-sample Kolmogorov–Smirnov;</li>
 *   <li>a slow trend over the last {@code window} runs that no single step shows: Mann–Kendall.</li>
 * </ul>
 * Runs where the model fingerprint, a corpus version or the bundle changed are marked as likely causes.
 */
public final class DriftDetector {
    private static final double Z95 = 1.959963984540054;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private final DriftSettings settings;

    public DriftDetector(DriftSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DriftSettings settings() {
        return settings;
    }

    /** The step from one run's value to the next, when it exceeds the interval of the difference. */
    public Optional<DriftFinding> step(String fromRun, MetricValue before, String run, MetricValue after) {
        if (!before.hasInterval() || !after.hasInterval() || Double.isNaN(before.value())
                || Double.isNaN(after.value())) {
            return Optional.empty();
        }
        double se = Math.hypot((before.upper() - before.lower()) / 2 / Z95, (after.upper() - after.lower()) / 2 / Z95);
        double delta = after.value() - before.value();
        if (se == 0) {
            // Both runs were unanimous (every case passed, say): any change at all is a step.
            return delta == 0 ? Optional.empty() : Optional.of(finding(DriftFinding.Kind.STEP, after.metric(), run,
                    fromRun, delta, 0, MetricDirection.higherIsBetter(after.metric()) == delta < 0,
                    String.format(Locale.ROOT, "%s moved from %s to %s", after.metric(), fmt(before.value()),
                            fmt(after.value()))));
        }
        double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(delta) / se));
        if (p >= settings.level()) {
            return Optional.empty();
        }
        return Optional.of(finding(DriftFinding.Kind.STEP, after.metric(), run, fromRun, delta, p,
                MetricDirection.higherIsBetter(after.metric()) == delta < 0,
                String.format(Locale.ROOT, "%s moved from %s to %s (%+.3f, beyond the interval of the difference "
                        + "\u00b1%.3f; p=%.3g)", after.metric(), fmt(before.value()), fmt(after.value()), delta,
                        Z95 * se, p)));
    }

    /** A monotonic trend over a window of values, oldest first. */
    public Optional<DriftFinding> trend(String metric, String firstRun, String lastRun, double[] window) {
        MannKendallTest.Result mk = MannKendallTest.test(window);
        boolean higherIsBetter = MetricDirection.higherIsBetter(metric);
        double pWorse = higherIsBetter ? mk.pDecreasing() : mk.pIncreasing();
        double pBetter = higherIsBetter ? mk.pIncreasing() : mk.pDecreasing();
        // One-sided at level/2 each way: the two together alarm at the configured level under no drift.
        double half = settings.level() / 2;
        if (pWorse >= half && pBetter >= half) {
            return Optional.empty();
        }
        boolean worse = pWorse < half;
        double p = Math.min(1, 2 * Math.min(pWorse, pBetter));
        return Optional.of(finding(DriftFinding.Kind.TREND, metric, lastRun, firstRun, mk.senSlope(), p, worse,
                String.format(Locale.ROOT, "%s %s over the last %d runs (Sen's slope %+.4f per run; Mann-Kendall "
                        + "S=%.0f, p=%.3g)", metric, mk.senSlope() < 0 ? "falls" : "rises", mk.n(), mk.senSlope(),
                        mk.s(), p)));
    }

    /** A shift of a per-case figure's distribution between two runs. */
    public Optional<DriftFinding> distribution(String figure, String fromRun, double[] before, String run,
                                               double[] after) {
        TwoSampleKs.Result ks = TwoSampleKs.test(before, after);
        if (ks.pValue() >= settings.level()) {
            return Optional.empty();
        }
        return Optional.of(finding(DriftFinding.Kind.DISTRIBUTION, figure, run, fromRun, ks.distance(), ks.pValue(),
                true, String.format(Locale.ROOT, "the distribution of %s shifted (Kolmogorov-Smirnov D=%.3f over %d "
                        + "and %d results, p=%.3g; median %s -> %s)", figure, ks.distance(), ks.n(), ks.m(),
                        ks.pValue(), fmt(median(before)), fmt(median(after)))));
    }

    /** Every finding and cause over the matching runs of one suite. */
    public DriftReport detect(HistoryQueries queries, RunFilter filter) {
        List<RunEntry> runs = queries.runs(filter);
        List<DriftFinding> findings = new ArrayList<>();
        for (String metric : queries.metricNames(filter)) {
            List<MetricPoint> series = queries.series(filter, metric);
            for (int i = 1; i < series.size(); i++) {
                step(series.get(i - 1).run().runId(), series.get(i - 1).value(), series.get(i).run().runId(),
                        series.get(i).value()).ifPresent(findings::add);
            }
            if (series.size() >= 3 && series.get(0).value().hasInterval()) {
                List<MetricPoint> window = series.subList(Math.max(0, series.size() - settings.window()),
                        series.size());
                trend(metric, window.get(0).run().runId(), window.get(window.size() - 1).run().runId(),
                        window.stream().mapToDouble(p -> p.value().value()).toArray()).ifPresent(findings::add);
            }
        }
        // Distributions of the last window's consecutive pairs: each needs every case's values of both runs.
        int from = Math.max(1, runs.size() - settings.window() + 1);
        for (int i = from; i < runs.size(); i++) {
            String a = runs.get(i - 1).runId();
            String b = runs.get(i).runId();
            for (HistoryQueries.CaseValue value : HistoryQueries.CaseValue.values()) {
                distribution(value.name().toLowerCase(Locale.ROOT), a, queries.caseValues(a, value), b,
                        queries.caseValues(b, value)).ifPresent(findings::add);
            }
            for (String scorer : queries.scorers(b)) {
                double[] after = queries.scoreValues(b, scorer);
                if (continuous(after)) {
                    distribution(scorer + " score", a, queries.scoreValues(a, scorer), b, after)
                            .ifPresent(findings::add);
                }
            }
        }
        return new DriftReport(runs, findings, causes(runs));
    }

    /** Runs whose model, corpus versions or bundle differ from the run before. */
    public static List<CauseMarker> causes(List<RunEntry> runs) {
        List<CauseMarker> causes = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            RunEntry a = runs.get(i - 1);
            RunEntry b = runs.get(i);
            List<String> changes = new ArrayList<>();
            if (!Objects.equals(a.modelFingerprint(), b.modelFingerprint())) {
                changes.add("model " + shortId(a.modelFingerprint()) + " -> " + shortId(b.modelFingerprint()));
            }
            if (!Objects.equals(a.corpusVersions(), b.corpusVersions())) {
                changes.add("corpus " + a.corpusVersions() + " -> " + b.corpusVersions());
            }
            if (!Objects.equals(a.bundleDigest(), b.bundleDigest())) {
                changes.add("bundle " + b.bundle() + " (" + shortId(b.bundleDigest()) + ")");
            }
            if (!changes.isEmpty()) {
                causes.add(new CauseMarker(b.runId(), changes));
            }
        }
        return causes;
    }

    /** A score on more than two levels; pass/fail scores are covered by the pass-rate steps and trends. */
    static boolean continuous(double[] values) {
        for (double v : values) {
            if (v != 0 && v != 1) {
                return true;
            }
        }
        return false;
    }

    private static DriftFinding finding(DriftFinding.Kind kind, String metric, String run, String from, double change,
                                        double p, boolean worse, String description) {
        return new DriftFinding(kind, metric, run, from, change, p, worse, description);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String shortId(String id) {
        if (id == null || id.isEmpty()) {
            return "(none)";
        }
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
