package dev.evalgate.history;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.history.drift.DriftSettings;
import dev.evalgate.history.view.HistoryViewer;
import dev.evalgate.reports.DevToolsSession;
import dev.evalgate.reports.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer served over loopback and read in headless Chromium: the runs list with a filter, a trend chart with
 * its band and drift marks, a case's history, two runs compared; run fields written to break out of the page stay
 * text; and the server itself refuses foreign Host headers and anything but reads.
 */
class ViewerBrowserTest {
    static final String PWNED = "PWNED";
    static final String HOSTILE_SUITE = "<script>document.title='" + PWNED + "-suite'</script>";

    @TempDir
    static Path dir;

    static HistoryViewer viewer;
    static DevToolsSession page;
    /** Chromium's profile lives outside the JUnit temporary directory: its helpers may still write as it exits. */
    static Path browserScratch;

    @BeforeAll
    static void start() throws Exception {
        HistoryLocation location = HistoryLocation.sqlite(dir.resolve("history.db"));
        try (HistoryStore store = HistoryStore.open(location)) {
            // Twelve runs: stable at 90%, a new model from run 8 on, where the pass rate drops to 55%.
            for (int i = 1; i <= 12; i++) {
                HistoryFixtures.Shape shape = i < 8 ? new HistoryFixtures.Shape(0.9, 200, "sha256:model-a", "1.0.0")
                        : new HistoryFixtures.Shape(0.55, 320, "sha256:model-b", "1.0.0");
                store.recorder().record(HistoryFixtures.run(i, 120, shape, 42), null, new GitInfo("c0ffee" + i,
                        "main"));
            }
            store.recorder().record(hostileRun(), null, new GitInfo("<img src=x onerror=\"document.title='"
                    + PWNED + "-commit'\">", "<script>document.title='" + PWNED + "-branch'</script>"));
        }
        viewer = HistoryViewer.start(location, InetAddress.getLoopbackAddress(), 0, DriftSettings.DEFAULT);
        browserScratch = java.nio.file.Files.createTempDirectory("evalgate-viewer-browser");
        page = HeadlessChromium.locate(browserScratch).devTools();
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
        if (viewer != null) {
            viewer.close();
        }
        if (browserScratch != null) {
            try (var all = java.nio.file.Files.walk(browserScratch)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // Best effort: a browser helper still exiting may hold a file; the system cleans /tmp.
            }
        }
    }

    @Test
    void listsRunsNewestFirstAndFiltersThem() throws Exception {
        open("/");
        assertThat(count("#runs tbody tr")).isEqualTo(13);
        assertThat(text("#runs tbody tr:nth-child(2) .run-id")).isEqualTo("run-0012");
        assertThat(text("#runs tbody tr[data-run='run-0008'] .cause")).contains("model model-a -> model-b");
        // The filter form, submitted as a reader would.
        // The filter form as a reader fills it in; the browser would submit exactly these fields.
        String query = page.evaluate("(() => { const f = document.querySelector('form.filters');"
                + " f.querySelector('select[name=suite]').value = 'support-suite';"
                + " return new URLSearchParams(new FormData(f)).toString(); })()");
        open("/?" + query);
        assertThat(count("#runs tbody tr")).isEqualTo(12);
        assertNotPwned();
    }

    @Test
    void drawsATrendPerMetricWithItsBandAndMarksTheDriftAndItsCause() throws Exception {
        open("/trend?suite=support-suite");
        assertThat(page.evaluate("document.querySelectorAll('svg.trend').length")).isNotEqualTo("0");
        String pass = "svg.trend[data-metric='pass']";
        assertThat(count(pass + " circle.point")).isEqualTo(12);
        assertThat(count(pass + " polygon.band")).isEqualTo(1);
        assertThat(attr(pass + " line.cause", "data-run")).isEqualTo("run-0008");
        assertThat(attr(pass + " path.drift[data-kind='step']", "data-run")).isEqualTo("run-0008");
        assertThat(count("#findings tr.finding")).isGreaterThan(0);
        assertThat(text("#causes")).contains("run-0008", "model model-a -> model-b");
        // The band is drawn around the line: its box contains every point.
        String inside = page.evaluate("(() => { const b = document.querySelector(" + js(pass + " polygon.band")
                + ").getBBox(); return [...document.querySelectorAll(" + js(pass + " circle.point") + ")].every(c => {"
                + " const y = +c.getAttribute('cy'); return y >= b.y - 0.5 && y <= b.y + b.height + 0.5; }); })()");
        assertThat(inside).isEqualTo("true");
        assertNotPwned();
    }

    @Test
    void showsACaseAcrossRunsWithItsOutputWhereItChanged() throws Exception {
        open("/case?key=support%2Fcase-00007&suite=support-suite");
        assertThat(count("#case-history tbody tr")).isEqualTo(12);
        assertThat(count("#case-history pre.output")).isEqualTo(12); // every synthetic output differs
        assertThat(text("#since")).matches("(Failing since run run-00\\d\\d .*|Passing in the latest run\\.)");
        assertNotPwned();
    }

    @Test
    void comparesTwoRunsWithTheSameDiffAndStatisticsAsCompare() throws Exception {
        open("/compare?a=run-0007&b=run-0008");
        assertThat(text("#baseline")).isEqualTo("run-0007");
        assertThat(text("#candidate")).isEqualTo("run-0008");
        assertThat(text("#metrics tr[data-metric='pass']")).contains("mcnemar");
        assertThat(count("#diffs tr.regressed")).isGreaterThan(10);
        assertThat(text("#counts [data-status='regressed']")).matches("regressed: \\d+");
        assertNotPwned();
    }

    @Test
    void hostileRunFieldsStayText() throws Exception {
        for (String path : List.of("/", "/trend?suite=" + java.net.URLEncoder.encode(HOSTILE_SUITE,
                StandardCharsets.UTF_8), "/case?key=" + java.net.URLEncoder.encode("support/" + HOSTILE_ID,
                StandardCharsets.UTF_8), "/compare?a=run-0012&b=hostile-run")) {
            open(path);
            assertNotPwned();
        }
        open("/case?key=" + java.net.URLEncoder.encode("support/" + HOSTILE_ID, StandardCharsets.UTF_8));
        assertThat(text("#case-history pre.output")).contains("<script>document.title='" + PWNED + "-output'");
        open("/");
        assertThat(text("#runs")).contains("<script>document.title='" + PWNED + "-branch'</script>");
    }

    @Test
    void refusesForeignHostHeadersWritesAndScripts() throws Exception {
        int port = viewer.uri().getPort();
        assertThat(rawGet(port, "evil.example:" + port)).startsWith("HTTP/1.1 421");
        assertThat(rawGet(port, "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
        assertThat(rawGet(port, "localhost:" + port)).startsWith("HTTP/1.1 200");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(viewer.uri().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(viewer.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
        assertThat(get.body()).doesNotContain("<script");
        assertThat(client.send(HttpRequest.newBuilder(viewer.uri().resolve("/nothing")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(viewer.uri().resolve("/compare?a=nope&b=run-0001")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("no run &#39;nope&#39;");
        assertThat(viewer.uri().getHost()).isEqualTo("127.0.0.1");
    }

    static final String HOSTILE_ID = "case-<img src=x onerror=\"document.title='" + PWNED + "-id'\">";

    static RunResult hostileRun() {
        RunSpec spec = HistoryFixtures.spec("hostile-run", HOSTILE_SUITE, "</td><script>document.title='" + PWNED
                + "-bundle'</script>", HistoryFixtures.START.plusSeconds(3600L * 24 * 30),
                "\"><svg onload=\"document.title='" + PWNED + "-model'\">", "1.0'<script>x</script>");
        List<CaseResult> results = new ArrayList<>();
        results.add(new CaseResult("support", HOSTILE_ID, 0, "t", List.of("<b>tag</b>"), "q",
                "<script>document.title='" + PWNED + "-output'</script></pre><iframe src=\"javascript:parent"
                        + ".document.title='" + PWNED + "-frame'\"></iframe>", false,
                new CallStats(1, 2, 3, null, "stop", 1, 0),
                List.of(new Score("contains\"><script>document.title='" + PWNED + "-scorer'</script>", 0.5, false,
                        "<img src=x onerror=\"document.title='" + PWNED + "-why'\">", Map.of())), null, 0, false));
        results.add(new CaseResult("support", "case-00001", 0, "t", List.of(), "q", "fine", false,
                new CallStats(1, 2, 3, null, "stop", 1, 0), List.of(Score.pass("contains", "ok")), null, 0, false));
        return new RunResult(spec, results, RunSummary.of(results, 0, 0), null);
    }

    private static void open(String path) throws Exception {
        page.open(viewer.uri().resolve(path).toString());
    }

    private static void assertNotPwned() throws Exception {
        // Every payload sets the whole title to PWNED-something; the hostile suite name in it as text is fine.
        assertThat(page.evaluate("document.title")).doesNotStartWith(PWNED).endsWith("evalgate history");
        assertThat(page.evaluate("String(document.querySelectorAll('script, iframe, img, svg[onload]').length)"))
                .isEqualTo("0");
    }

    private static int count(String selector) throws Exception {
        return Integer.parseInt(page.evaluate("String(document.querySelectorAll(" + js(selector) + ").length)"));
    }

    private static String text(String selector) throws Exception {
        return page.evaluate("document.querySelector(" + js(selector) + ").textContent");
    }

    private static String attr(String selector, String name) throws Exception {
        return page.evaluate("document.querySelector(" + js(selector) + ").getAttribute(" + js(name) + ")");
    }

    private static String js(String text) throws Exception {
        return dev.evalgate.engine.internal.Json.MAPPER.writeValueAsString(text);
    }

    private static String rawGet(int port, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

}
