package dev.evalgate.reports.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.Percentiles;
import dev.evalgate.engine.internal.ResultDigest;

/**
 * The report's charts, computed once here so every chart is plain SVG with no script.
 *
 * @param moreTags tags left out of {@code tagRates} to keep the chart readable
 */
public record Charts(List<Histogram> scoreDistributions, List<TagRate> tagRates, int moreTags, Histogram latency) {
    static final int SCORE_BINS = 10;
    static final int LATENCY_BINS = 20;
    static final int MAX_TAGS = 40;

    public Charts {
        scoreDistributions = List.copyOf(scoreDistributions);
        tagRates = List.copyOf(tagRates);
    }

    static Charts of(RunResult run, List<CaseView> cases) {
        // A chart is decoration: one that cannot be drawn is left empty rather than costing the whole report.
        return new Charts(drawn(() -> scoreDistributions(run), List.of()), drawn(() -> tagRates(cases), List.of()),
                drawn(() -> Math.max(0, tagCount(cases) - MAX_TAGS), 0),
                drawn(() -> latency(run), Histogram.of("latency per result", new int[LATENCY_BINS],
                        java.util.Collections.nCopies(LATENCY_BINS, ""), "0 ms", "")));
    }

    private static <T> T drawn(java.util.function.Supplier<T> chart, T empty) {
        try {
            return chart.get();
        } catch (RuntimeException e) {
            return empty;
        }
    }

    /** The bin of a value, clamped: a value outside the axis goes to the nearest end bin. */
    static int bin(double value, double width, int bins) {
        if (!(value > 0) || !(width > 0)) {
            return 0;
        }
        double index = Math.floor(value / width);
        return index >= bins - 1 ? bins - 1 : (int) index;
    }

    private static List<Histogram> scoreDistributions(RunResult run) {
        // From the results' digest: no result is parsed again for the charts.
        ResultDigest d = ResultDigest.of(run.results());
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < d.size(); i++) {
            d.forEachScore(i, (s, value, passed, undecided, untrusted) -> {
                int bin = bin(value * SCORE_BINS, 1.0, SCORE_BINS);
                counts.computeIfAbsent(d.scorers().get(s), k -> new int[SCORE_BINS])[bin]++;
            });
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < SCORE_BINS; i++) {
            labels.add(String.format(Locale.ROOT, "%.1f\u2013%.1f", i / 10.0, (i + 1) / 10.0));
        }
        List<Histogram> charts = new ArrayList<>();
        counts.forEach((name, c) -> charts.add(Histogram.of(name, c, labels, "0", "1")));
        return charts;
    }

    private static int tagCount(List<CaseView> cases) {
        return (int) cases.stream().flatMap(c -> c.tags().stream()).distinct().count();
    }

    private static List<TagRate> tagRates(List<CaseView> cases) {
        Map<String, int[]> byTag = new LinkedHashMap<>(); // cases, passed, in baseline, passed in baseline
        for (CaseView c : cases) {
            for (String tag : c.tags()) {
                int[] acc = byTag.computeIfAbsent(tag, k -> new int[4]);
                acc[0]++;
                acc[1] += CaseStatus.PASS.label().equals(c.st()) ? 1 : 0;
                if (c.bst() != null) {
                    acc[2]++;
                    acc[3] += CaseStatus.PASS.label().equals(c.bst()) ? 1 : 0;
                }
            }
        }
        return byTag.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_TAGS)
                .map(e -> {
                    int[] acc = e.getValue();
                    double percent = 100.0 * acc[1] / acc[0];
                    double before = acc[2] == 0 ? -1 : 100.0 * acc[3] / acc[2];
                    String text = String.format(Locale.ROOT, "%.0f%% (%d/%d)", percent, acc[1], acc[0])
                            + (before < 0 ? "" : String.format(Locale.ROOT, ", baseline %.0f%%", before));
                    return new TagRate(e.getKey(), acc[0], acc[1], Math.round(percent * 10) / 10.0,
                            before < 0 ? -1 : Math.round(before * 10) / 10.0, text);
                })
                .toList();
    }

    private static Histogram latency(RunResult run) {
        ResultDigest d = ResultDigest.of(run.results());
        double[] values = IntStream.range(0, d.size()).filter(i -> d.calls(i) + d.cachedCalls(i) > 0)
                .mapToDouble(d::latencyMs).filter(Double::isFinite).toArray();
        int[] counts = new int[LATENCY_BINS];
        List<String> labels = new ArrayList<>();
        // The top bin collects everything above p99 so one stuck call does not squash the rest of the chart.
        double top = Math.max(1, values.length == 0 ? 1 : Percentiles.of(values, 99));
        double width = top / (LATENCY_BINS - 1);
        for (double v : values) {
            counts[bin(v, width, LATENCY_BINS)]++;
        }
        for (int i = 0; i < LATENCY_BINS; i++) {
            labels.add(i == LATENCY_BINS - 1
                    ? String.format(Locale.ROOT, "\u2265 %.0f ms", i * width)
                    : String.format(Locale.ROOT, "%.0f\u2013%.0f ms", i * width, (i + 1) * width));
        }
        return Histogram.of("latency per result", counts, labels, "0 ms",
                String.format(Locale.ROOT, "\u2265 %.0f ms", top));
    }
}
