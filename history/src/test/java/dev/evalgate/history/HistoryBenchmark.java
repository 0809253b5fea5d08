package dev.evalgate.history;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.evalgate.engine.RunResult;
import dev.evalgate.history.drift.DriftSettings;
import dev.evalgate.history.view.HistoryViewer;
import dev.evalgate.reports.DevToolsSession;
import dev.evalgate.reports.HeadlessChromium;

/**
 * Measures the two figures the history is held to: recording a 10,000-case run (metrics with their intervals, every
 * case and score, in one transaction) and opening the viewer's trend page over 200 runs (served over loopback, and
 * loaded in headless Chromium when it is installed).
 *
 * <pre>
 * mvn -B -q -pl history -am test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.skip=true \
 *     -Dexec.mainClass=dev.evalgate.history.HistoryBenchmark                  # SQLite, 200 runs of 1,000 cases
 * ... -Dexec.args="10000 200 1000 jdbc:postgresql://HOST/DB?user=U"           # another size, another store
 * </pre>
 * {@code exec.skip} skips the modules the history depends on; the history's own configuration does not skip.
 * Arguments: cases in the recorded run (10,000), runs behind the trend page (200), cases in each of those (1,000),
 * and a JDBC URL to measure instead of a fresh SQLite file.
 */
public final class HistoryBenchmark {
    private static final int RECORDS = 3;
    private static final int LOADS = 5;

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int bigCases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runCases = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path scratch = Files.createTempDirectory("evalgate-history-bench");
        HistoryLocation location = args.length > 3 ? new HistoryLocation(args[3])
                : HistoryLocation.sqlite(scratch.resolve("history.db"));
        System.out.printf(Locale.ROOT, "store: %s (%s, %d CPUs)%n", location, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try {
            record(location, bigCases);
            trendPage(location, scratch, runs, runCases);
        } finally {
            try (Stream<Path> all = Files.walk(scratch)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void record(HistoryLocation location, int cases) {
        List<Double> millis = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(location)) {
            for (int i = 0; i < RECORDS; i++) {
                RunResult run = HistoryFixtures.run(9000 + i, cases, HistoryFixtures.Shape.of(0.8), 99);
                long start = System.nanoTime();
                store.recorder().record(run, null, GitInfo.NONE);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "record a %,d-case run (2 scorers): %s ms, median %.0f ms%n", cases,
                format(millis), median(millis));
    }

    private static void trendPage(HistoryLocation location, Path scratch, int runs, int cases) throws Exception {
        long fill = System.nanoTime();
        try (HistoryStore store = HistoryStore.open(location)) {
            for (int i = 1; i <= runs; i++) {
                double p = 0.85 - (i > runs / 2 ? 0.001 * (i - runs / 2) : 0);
                store.recorder().record(HistoryFixtures.run(i, cases, HistoryFixtures.Shape.of(p), 7), null,
                        GitInfo.NONE);
            }
        }
        System.out.printf(Locale.ROOT, "filled %d runs of %,d cases in %.1f s%n", runs, cases,
                (System.nanoTime() - fill) / 1e9);
        try (HistoryViewer viewer = HistoryViewer.start(location, InetAddress.getLoopbackAddress(), 0,
                DriftSettings.DEFAULT)) {
            URI trend = viewer.uri().resolve("/trend?suite=" + HistoryFixtures.SUITE + "&limit=" + runs);
            HttpClient client = HttpClient.newHttpClient();
            List<Double> served = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < LOADS + 1; i++) {
                long start = System.nanoTime();
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(trend).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("trend page answered " + page.statusCode());
                }
                bytes = page.body().length();
                if (i > 0) { // the first load warms the JIT
                    served.add((System.nanoTime() - start) / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "trend page over %d runs, served: %s ms, median %.0f ms (%,d bytes)%n",
                    runs, format(served), median(served), bytes);
            try {
                HeadlessChromium chromium = HeadlessChromium.locate(scratch);
                try (DevToolsSession page = chromium.devTools()) {
                    List<Double> loaded = new ArrayList<>();
                    for (int i = 0; i < LOADS; i++) {
                        long start = System.nanoTime();
                        page.open(trend.toString());
                        loaded.add((System.nanoTime() - start) / 1e6);
                    }
                    System.out.printf(Locale.ROOT, "trend page over %d runs, opened in Chromium to its load event: "
                            + "%s ms, median %.0f ms (%s charts)%n", runs, format(loaded), median(loaded),
                            page.evaluate("String(document.querySelectorAll('svg.trend').length)"));
                }
            } catch (AssertionError | org.opentest4j.TestAbortedException e) {
                System.out.println("Chromium not found: browser figure left out");
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }
}
