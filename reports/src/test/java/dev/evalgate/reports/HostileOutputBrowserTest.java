package dev.evalgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunResult;
import dev.evalgate.reports.html.HtmlReport;
import dev.evalgate.reports.model.ReportModel;

/**
 * Loads a report of a run whose outputs, case ids, tags, scorer names, prompts and errors are all attacks, in a
 * real headless Chromium: no injected script may run, no injected element may appear, and the page must still
 * show its verdict, its case list and the case detail. A screenshot is kept in {@code target/} to look at.
 */
class HostileOutputBrowserTest {
    private static final Path OUT = Path.of("target", "browser-test", "hostile");
    private static final int HUGE_CASES = 30_000;

    @TempDir
    static Path scratch;

    static HeadlessChromium chromium;
    static ReportFiles files;

    @BeforeAll
    static void render() {
        files = RunReports.writeAll(RunFixtures.hostileCandidate(), RunFixtures.hostileContext(), OUT);
    }

    /** Per test, so a deliberate skip shows up as skipped tests with the reason, not as nothing at all. */
    @BeforeEach
    void findBrowser() {
        chromium = HeadlessChromium.locate(scratch);
    }

    private static String url(String caseKey) {
        String base = files.html().toAbsolutePath().toUri().toString();
        return caseKey == null ? base : base + "#case=" + URLEncoder.encode(caseKey, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    @Test
    void noInjectedScriptRunsAndThePageStillWorks() throws Exception {
        String dom = chromium.dumpDom(url("support/hostile-2"));

        assertThat(title(dom)).startsWith("evalgate FAILED").doesNotContain(RunFixtures.PWNED);
        assertThat(rootElement(dom)).doesNotContain("data-pwned")
                .as("our script ran to the end").contains("data-ready-ms=");
        // The serialised DOM escapes '<' in text, so every '<script' left is a real element: only our two.
        assertThat(count(dom, "<script")).isEqualTo(2);
        assertThat(dom).doesNotContain("<img", "<iframe", "<base ", "<a href=\"javascript:", "<svg onload");
        assertThat(eventHandlerAttributes(dom)).as("event handler attributes; the page itself sets none").isEmpty();
        assertThat(dom).contains("Gate FAILED").contains("<strong>max_regression[pass]</strong>")
                .contains("<strong>no_new_failures[tags=adversarial]</strong>");
        // The list opened on the regressions: all eight hostile cases, each a row.
        assertThat(count(dom, "<tr data-key=")).isEqualTo(8);
        assertThat(dom).contains("Showing 1\u20138 of 8 matching cases");
        assertThat(dom).as("the script replaced the static fallback list").contains("<div id=\"static-cases\" hidden=\"\">");
        // The detail pane shows the hostile output as text, diffed against the baseline.
        assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;document.title='PWNED-3'&lt;/script&gt;")
                .contains("<del>").contains("<ins>")
                .contains("trace-hostile-2-0")
                .as("the baseline's value beside each score").contains("<td>1.000 passed</td>");
    }

    @Test
    void everyHostileOutputIsShownAsTextInItsCaseDetail() throws Exception {
        String dom = chromium.dumpDom(url("support/case-<script>document.title='PWNED-id'</script>"));

        assertThat(title(dom)).doesNotContain(RunFixtures.PWNED);
        assertThat(rootElement(dom)).doesNotContain("data-pwned");
        assertThat(dom).contains("<h2>support/case-&lt;script&gt;document.title='PWNED-id'&lt;/script&gt;</h2>")
                .contains("document.documentElement.setAttribute('data-pwned','1')&lt;/script&gt;")
                .contains("Prompt with &lt;script&gt;document.title='PWNED-prompt'&lt;/script&gt;");
    }

    @Test
    void withScriptBlockedThePageStillShowsVerdictAndCasesWorthALook() throws Exception {
        String dom;
        try (DevToolsSession page = chromium.devTools()) {
            // As when a CI server serves the artifact with a Content-Security-Policy that blocks inline script.
            page.send("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            page.open(url(null));
            int root = page.send("DOM.getDocument", Map.of()).path("root").path("nodeId").asInt();
            dom = page.send("DOM.getOuterHTML", Map.of("nodeId", root)).path("outerHTML").asText();
        }

        assertThat(rootElement(dom)).doesNotContain("data-ready-ms");
        assertThat(dom).contains("Gate FAILED").contains("<div id=\"static-cases\">")
                .contains("<td class=\"key\">support/hostile-1</td>")
                .contains("<table class=\"case-list\" id=\"case-list\" hidden=\"\">");
        assertThat(title(dom)).doesNotContain(RunFixtures.PWNED);
    }

    @Test
    void theDetailDiffsWordsAgainstTheBaseline() throws Exception {
        String dom = chromium.dumpDom(url("support/passing-case"));

        assertThat(dom).contains("Your refund was sent on <del>Tuesday.</del></pre>")
                .contains("Your refund was sent on <ins>Monday.</ins></pre>");
    }

    @Test
    void aLargeRunRendersOnePageOfRowsNotEveryCase() throws Exception {
        RunResult baseline = RunFixtures.synthetic(2_500, 1, 1, "large-base");
        RunResult candidate = RunFixtures.synthetic(2_500, 1, 2, "large-cand");
        ReportFiles large = RunReports.writeAll(candidate, RunFixtures.gated(baseline, candidate),
                Path.of("target", "browser-test", "large"));

        String dom = domWhenListed(large.html());

        assertThat(count(dom, "<tr data-key=")).isEqualTo(100);
        assertThat(dom).containsPattern("Showing 1\u2013100 of \\d+ matching cases \\(2500 in the run\\)")
                .contains("page 1 of ");
    }

    /**
     * A 30,000-case report carries its case data compressed; the page unpacks it, lists one page of rows, searches
     * all cases and opens the last case's detail, with the packed text gone from the DOM once read. (bench/run and
     * ReportBenchmark measure pages of 100,000 cases; this size keeps the build quick.)
     */
    @Test
    void aLargeCompressedReportUnpacksSearchesAndOpensACase() throws Exception {
        RunResult run = RunFixtures.synthetic(HUGE_CASES, 1, 3, "huge");
        Path html = Path.of("target", "browser-test", "huge", "report.html");
        Files.createDirectories(html.getParent());
        HtmlReport.write(ReportModel.of(run, ReportContext.none()), html);
        assertThat(Files.readString(html)).contains("data-encoding=\"gzip+base64\"");

        try (DevToolsSession page = chromium.devTools()) {
            page.open(html.toAbsolutePath().toUri().toString());
            page.awaitCaseList();
            assertThat(page.evaluate("document.getElementById('case-data').textContent.length")).isEqualTo("0");
            assertThat(page.evaluate("String(document.querySelectorAll('#case-rows tr').length)")).isEqualTo("100");
            page.evaluate("new Promise(done => { document.getElementById('f-status').value = 'all';"
                    + " document.getElementById('f-status').dispatchEvent(new Event('change')); done('ok'); })");
            assertThat(page.evaluate("document.getElementById('list-status').textContent"))
                    .contains("of " + HUGE_CASES + " matching cases");
            page.evaluate("new Promise(r => { const q = document.getElementById('f-q'); q.value = 'question 29999:';"
                    + " q.dispatchEvent(new Event('input')); setTimeout(() => r('ok'), 400); })");
            assertThat(page.evaluate("Array.from(document.querySelectorAll('#case-rows tr'))"
                    + ".map(tr => tr.getAttribute('data-key')).join(',')")).isEqualTo("support/case-29999");
            page.evaluate("(() => { document.querySelector('#case-rows tr td:nth-child(2)').click(); return 'ok'; })()");
            assertThat(page.evaluate("document.querySelector('#detail h2').textContent"))
                    .isEqualTo("support/case-29999");
        }
    }

    private String domWhenListed(Path html) throws Exception {
        try (DevToolsSession page = chromium.devTools()) {
            page.open(html.toAbsolutePath().toUri().toString());
            page.awaitCaseList();
            int root = page.send("DOM.getDocument", Map.of()).path("root").path("nodeId").asInt();
            return page.send("DOM.getOuterHTML", Map.of("nodeId", root)).path("outerHTML").asText();
        }
    }

    @Test
    void screenshotForPeopleToLookAt() throws Exception {
        Path png = Path.of("target", "report-screenshots", "hostile-report.png");
        chromium.screenshot(url(null), png, 1280, 1600);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private static String title(String dom) {
        Matcher m = Pattern.compile("<title>(.*?)</title>").matcher(dom);
        assertThat(m.find()).as("page has a title").isTrue();
        return m.group(1);
    }

    private static String rootElement(String dom) {
        Matcher m = Pattern.compile("<html[^>]*>").matcher(dom);
        assertThat(m.find()).as("page has an html element").isTrue();
        return m.group();
    }

    /**
     * Attribute names starting with {@code on} on any element. Chromium serialises every attribute value in double
     * quotes with {@code "} escaped, so attribute values cannot be mistaken for attributes here.
     */
    private static List<String> eventHandlerAttributes(String dom) {
        List<String> found = new ArrayList<>();
        Matcher tag = Pattern.compile("<[a-zA-Z][\\w-]*((?:\\s+[^\\s=>\"/]+(?:=\"[^\"]*\")?)*)\\s*/?>").matcher(dom);
        while (tag.find()) {
            Matcher attribute = Pattern.compile("\\s([^\\s=>\"/]+)(?:=\"[^\"]*\")?").matcher(tag.group(1));
            while (attribute.find()) {
                if (attribute.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                    found.add(tag.group());
                }
            }
        }
        return found;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
