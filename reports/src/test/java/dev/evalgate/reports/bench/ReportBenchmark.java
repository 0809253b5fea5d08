package dev.evalgate.reports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.reports.DevToolsSession;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.ReportFiles;
import dev.evalgate.reports.RunFixtures;
import dev.evalgate.reports.RunReports;
import dev.evalgate.reports.html.HtmlReport;
import dev.evalgate.reports.json.JsonReport;
import dev.evalgate.reports.junit.JUnitXmlReport;
import dev.evalgate.reports.markdown.MarkdownSummary;
import dev.evalgate.reports.model.ReportModel;

/**
 * Measures report size and render time for synthetic runs of 1,000 and 10,000 cases, and how fast the largest
 * report paints and reacts in headless Chromium (paint timings read over the DevTools protocol).
 *
 * <pre>
 * mvn -B -o -pl reports test-compile exec:java                       # 1,000 and 10,000 cases, one repeat
 * mvn -B -o -pl reports test-compile exec:java -Dexec.args="10000 3"  # 10,000 cases, three repeats each
 * </pre>
 * Chromium is looked up as in the browser test ({@code -Devalgate.chromium=PATH} to choose one); without it the
 * browser figures are left out.
 */
public final class ReportBenchmark {
    private static final int RENDERS = 3;
    private static final int LOADS = 3;

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        int repeats = 1;
        if (args.length == 0) {
            sizes.addAll(List.of(1_000, 10_000));
        } else {
            sizes.add(Integer.parseInt(args[0]));
            repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        }
        Path out = Path.of("target", "report-benchmark");
        System.out.printf(Locale.ROOT, "Java %s, %d processors available%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        Path largest = null;
        for (int cases : sizes) {
            RunResult baseline = RunFixtures.synthetic(cases, repeats, 1, "baseline-" + cases);
            RunResult candidate = RunFixtures.synthetic(cases, repeats, 2, "candidate-" + cases);
            long t0 = System.nanoTime();
            ReportContext context = RunFixtures.gated(baseline, candidate);
            double compareMs = (System.nanoTime() - t0) / 1e6;
            Path dir = out.resolve(cases + "x" + repeats);
            RunReports.writeAll(candidate, context, dir); // warm-up: class loading, JIT, template parsing
            double[] times = new double[RENDERS];
            ReportFiles files = null;
            for (int i = 0; i < RENDERS; i++) {
                long start = System.nanoTime();
                files = RunReports.writeAll(candidate, context, dir);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "%n%,d cases x %d repeats (%,d results), gate %s%n", cases, repeats,
                    candidate.results().size(), context.verdict().orElseThrow().passed() ? "passed" : "failed");
            System.out.printf(Locale.ROOT, "  comparison + gate (engine):  %8.0f ms%n", compareMs);
            System.out.printf(Locale.ROOT, "  all four reports, median of %d: %6.0f ms (min %.0f, max %.0f)%n",
                    RENDERS, times[RENDERS / 2], times[0], times[RENDERS - 1]);
            breakdown(candidate, context, files);
            for (Path f : List.of(files.html(), files.json(), files.junitXml(), files.markdown())) {
                System.out.printf(Locale.ROOT, "  %-12s %10s%n", f.getFileName(), size(Files.size(f)));
            }
            largest = files.html();
        }
        Path chromium = chromium();
        if (chromium == null) {
            System.out.println("\nChromium not found: browser timings skipped (set -Devalgate.chromium=PATH)");
            return;
        }
        browser(chromium, largest, out.resolve("chromium-profile"));
    }

    private static void browser(Path chromium, Path html, Path profile) throws Exception {
        String url = html.toAbsolutePath().toUri().toString();
        List<double[]> loads = new ArrayList<>();
        double filterAll = 0;
        double search = 0;
        double detail = 0;
        try (DevToolsSession session = DevToolsSession.start(chromium, profile)) {
            session.send("Page.enable", Map.of());
            for (int i = 0; i < LOADS; i++) {
                session.clearEvents();
                long start = System.nanoTime();
                session.send("Page.navigate", Map.of("url", url));
                session.awaitEvent("Page.loadEventFired");
                double wallLoad = (System.nanoTime() - start) / 1e6;
                // Two animation frames after load, so the first paint has been recorded.
                JsonNode timing = Json.MAPPER.readTree(session.evaluate(
                        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(JSON.stringify({"
                                + "paint: Object.fromEntries(performance.getEntriesByType('paint')"
                                + ".map(e => [e.name, e.startTime])),"
                                + "nav: performance.getEntriesByType('navigation')[0].toJSON(),"
                                + "ready: Number(document.documentElement.getAttribute('data-ready-ms')),"
                                + "rows: document.querySelectorAll('#case-rows tr').length})))))"));
                loads.add(new double[] {timing.path("paint").path("first-paint").asDouble(Double.NaN),
                    timing.path("paint").path("first-contentful-paint").asDouble(Double.NaN),
                    timing.path("nav").path("domContentLoadedEventEnd").asDouble(),
                    timing.path("ready").asDouble(), timing.path("nav").path("loadEventEnd").asDouble(), wallLoad,
                    timing.path("rows").asDouble()});
            }
            filterAll = Double.parseDouble(session.evaluate(
                    "(() => { const s = document.getElementById('f-status'); s.value = 'all';"
                            + " s.dispatchEvent(new Event('change'));"
                            + " return document.documentElement.getAttribute('data-filter-ms'); })()"));
            search = Double.parseDouble(session.evaluate(
                    "new Promise(r => { const q = document.getElementById('f-q'); q.value = 'patience monday';"
                            + " q.dispatchEvent(new Event('input'));"
                            + " setTimeout(() => r(document.documentElement.getAttribute('data-filter-ms')), 600); })"));
            detail = Double.parseDouble(session.evaluate(
                    "(() => { const k = document.querySelector('#case-rows tr').getAttribute('data-key');"
                            + " history.replaceState(null, '', '#case=' + encodeURIComponent(k));"
                            + " const t = performance.now(); window.dispatchEvent(new HashChangeEvent('hashchange'));"
                            + " return String(performance.now() - t); })()"));
        }
        loads.sort(Comparator.comparingDouble(l -> l[1]));
        double[] median = loads.get(loads.size() / 2);
        System.out.printf(Locale.ROOT, "%nheadless Chromium, %s (%s), median of %d fresh loads:%n",
                html.getParent().getFileName(), size(Files.size(html)), LOADS);
        System.out.printf(Locale.ROOT, "  first paint               %8.0f ms%n", median[0]);
        System.out.printf(Locale.ROOT, "  first contentful paint    %8.0f ms%n", median[1]);
        System.out.printf(Locale.ROOT, "  DOMContentLoaded end      %8.0f ms%n", median[2]);
        System.out.printf(Locale.ROOT, "  case list rendered        %8.0f ms (%d rows on the first page)%n", median[3],
                (int) median[6]);
        System.out.printf(Locale.ROOT, "  load event end            %8.0f ms (navigate to load event: %.0f ms)%n",
                median[4], median[5]);
        System.out.printf(Locale.ROOT, "  filter all cases          %8.0f ms%n", filterAll);
        System.out.printf(Locale.ROOT, "  text search (first, builds the index) %.0f ms%n", search);
        System.out.printf(Locale.ROOT, "  open a case detail        %8.1f ms%n", detail);
    }

    /** Where the render time goes: the shared model, then each file on its own (best of three). */
    private static void breakdown(RunResult run, ReportContext context, ReportFiles files) throws Exception {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int i = 0; i < RENDERS; i++) {
            long t0 = System.nanoTime();
            ReportModel model = ReportModel.of(run, context);
            long t1 = System.nanoTime();
            HtmlReport.write(model, files.html());
            long t2 = System.nanoTime();
            JsonReport.write(run, context, model, files.json());
            long t3 = System.nanoTime();
            JUnitXmlReport.write(run, files.junitXml());
            long t4 = System.nanoTime();
            MarkdownSummary.write(model, files.markdown());
            long t5 = System.nanoTime();
            long[] marks = {t0, t1, t2, t3, t4, t5};
            for (int k = 0; k < best.length; k++) {
                best[k] = Math.min(best[k], (marks[k + 1] - marks[k]) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "  best of %d: model %.0f ms, html %.0f ms, json %.0f ms, junit %.0f ms, "
                + "markdown %.0f ms%n", RENDERS, best[0], best[1], best[2], best[3], best[4]);
    }

    private static Path chromium() {
        String configured = System.getProperty("evalgate.chromium");
        return Stream.of(configured, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(p -> p != null && !p.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst()
                .orElse(null);
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
}
