package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.history.HistoryStore;
import dev.evalgate.history.MetricPoint;
import dev.evalgate.history.RunEntry;
import dev.evalgate.history.RunFilter;
import dev.evalgate.history.drift.DriftDetector;
import dev.evalgate.history.drift.DriftFinding;
import dev.evalgate.history.drift.DriftReport;
import dev.evalgate.history.drift.DriftSettings;

@Command(name = "history",
        description = {"Lists recorded runs, newest first, and each metric's trend across them.",
                "Every 'evalgate run' is recorded (see 'run --history'); a change of model or corpus version is "
                        + "marked where it happened."},
        mixinStandardHelpOptions = true,
        subcommands = {HistoryCaseCommand.class, HistoryImportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate history",
                "  evalgate history --suite quickstart --branch main --limit 50",
                "  evalgate history --metric pass --metric latency_p95_ms",
                "  evalgate history --history jdbc:postgresql://ci-db/evalgate?user=ci",
                "  evalgate history case quickstart/refund-window",
                "  evalgate history import runs/"})
public final class HistoryCommand implements Callable<Integer> {
    private static final String BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions options = new HistoryOptions();

    @Option(names = "--metric", paramLabel = "NAME", description = "Show this metric's trend (repeatable; default: "
            + "every recorded metric).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--level", paramLabel = "P", description = "Significance level of the drift tests (default: "
            + "${DEFAULT-VALUE}).")
    double level = DriftSettings.DEFAULT.level();

    @Option(names = "--window", paramLabel = "N", description = "Runs the trend test looks back over (default: "
            + "${DEFAULT-VALUE}).")
    int window = DriftSettings.DEFAULT.window();

    @Override
    public Integer call() {
        DriftSettings settings;
        try {
            settings = new DriftSettings(level, window);
        } catch (IllegalArgumentException e) {
            throw new dev.evalgate.datasets.InvalidInputException(null, 0, "--level/--window", e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (HistoryStore store = options.open()) {
            RunFilter filter = options.filter();
            List<RunEntry> runs = store.queries().runs(filter);
            if (runs.isEmpty()) {
                out.println("no recorded runs match in " + store.location());
                return 0;
            }
            out.println("runs in " + store.location() + " (newest first):");
            out.printf(Locale.ROOT, "  %-20s  %-34s  %-22s  %-9s  %-6s  %s%n", "started", "run", "bundle", "pass",
                    "gate", "commit");
            RunEntry previous = null;
            List<String> rows = new ArrayList<>();
            for (RunEntry r : runs) {
                rows.add(String.format(Locale.ROOT, "  %-20s  %-34s  %-22s  %-9s  %-6s  %s%s",
                        shortTime(r.startedAt()), r.runId(), r.bundle(), percent(r.passRate()),
                        r.gatePassed() == null ? "-" : r.gatePassed() ? "passed" : "FAILED",
                        r.gitCommit() == null ? "" : r.gitCommit().substring(0, Math.min(8, r.gitCommit().length()))
                                + (r.gitBranch() == null ? "" : " (" + r.gitBranch() + ")"),
                        causes(previous, r)));
                previous = r;
            }
            for (int i = rows.size() - 1; i >= 0; i--) {
                out.println(TerminalText.safe(rows.get(i)));
            }
            String suite = filter.suite() != null ? filter.suite() : runs.get(runs.size() - 1).suite();
            RunFilter suiteFilter = new RunFilter(suite, filter.branch(), filter.model(), filter.bundle(),
                    filter.limit());
            List<String> names = metrics.isEmpty() ? store.queries().metricNames(suiteFilter) : metrics;
            out.println();
            out.println("trends of suite " + suite + " (oldest to newest" + (filter.suite() == null
                    ? "; --suite NAME for another suite" : "") + "):");
            for (String metric : names) {
                List<MetricPoint> series = store.queries().series(suiteFilter, metric);
                if (series.isEmpty()) {
                    out.println("  " + metric + ": not recorded");
                    continue;
                }
                out.println("  " + TerminalText.safe(trendLine(metric, series)));
            }
            DriftReport drift = new DriftDetector(settings).detect(store.queries(), suiteFilter);
            out.println();
            List<DriftFinding> recent = drift.findings().stream().filter(f -> isRecent(f, drift, settings))
                    .toList();
            out.println("drift in the last " + settings.window() + " runs (level " + settings.level() + "): "
                    + (recent.isEmpty() ? "none" : recent.size() + " findings"));
            for (DriftFinding f : recent) {
                out.println(TerminalText.safe("  " + (f.worse() ? "WORSE " : "      ") + f.runId() + "  "
                        + f.kind().name().toLowerCase(Locale.ROOT) + "  " + f.description()));
            }
            drift.causes().forEach(c -> out.println(TerminalText.safe("  cause? " + c.runId() + ": "
                    + String.join("; ", c.changes()))));
        }
        return 0;
    }

    private static boolean isRecent(DriftFinding f, DriftReport report, DriftSettings settings) {
        List<RunEntry> runs = report.runs();
        for (int i = Math.max(0, runs.size() - settings.window()); i < runs.size(); i++) {
            if (runs.get(i).runId().equals(f.runId())) {
                return true;
            }
        }
        return false;
    }

    /** A run where the model or a corpus version changed: the likely cause of a step in a trend. */
    static String causes(RunEntry previous, RunEntry now) {
        if (previous == null || !previous.suite().equals(now.suite())) {
            return "";
        }
        List<String> causes = new ArrayList<>();
        if (!java.util.Objects.equals(previous.modelFingerprint(), now.modelFingerprint())) {
            causes.add("model changed");
        }
        if (!java.util.Objects.equals(previous.corpusVersions(), now.corpusVersions())) {
            causes.add("corpus " + now.corpusVersions());
        }
        if (!java.util.Objects.equals(previous.bundleDigest(), now.bundleDigest())) {
            causes.add("bundle changed");
        }
        return causes.isEmpty() ? "" : "  <- " + String.join(", ", causes);
    }

    static String trendLine(String metric, List<MetricPoint> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (MetricPoint p : series) {
            double v = p.value().value();
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder spark = new StringBuilder();
        for (MetricPoint p : series) {
            double v = p.value().value();
            if (Double.isNaN(v)) {
                spark.append(' ');
            } else {
                int level = max - min < 1e-12 ? 3 : (int) Math.round((v - min) / (max - min) * (BARS.length() - 1));
                spark.append(BARS.charAt(level));
            }
        }
        MetricPoint last = series.get(series.size() - 1);
        String interval = last.value().hasInterval() ? String.format(Locale.ROOT, " [%s, %s]",
                number(last.value().lower()), number(last.value().upper())) : "";
        return String.format(Locale.ROOT, "%-30s %s  %s -> %s%s  (%d runs)", metric, spark,
                number(series.get(0).value().value()), number(last.value().value()), interval, series.size());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String shortTime(String iso) {
        return iso == null ? "" : iso.length() > 19 ? iso.substring(0, 19).replace('T', ' ') : iso.replace('T', ' ');
    }
}
