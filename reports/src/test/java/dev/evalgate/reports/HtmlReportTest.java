package dev.evalgate.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.reports.model.TextCap;

import static org.assertj.core.api.Assertions.assertThat;

/** What the HTML file holds before any browser touches it: checks that need no Chromium. */
class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void theFileHoldsNoMarkupFromTheRunAndOnlyItsOwnNoncedScript() throws Exception {
        String html = Files.readString(RunReports.writeAll(RunFixtures.hostileCandidate(),
                RunFixtures.hostileContext(), dir).html());

        assertThat(html).doesNotContain("<script>document", "</script><script>", "<img src=x", "<iframe",
                "<svg onload", "<base href", "<style>body{display:none}");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"case-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        Matcher csp = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]+)'").matcher(html);
        assertThat(csp.find()).as("Content-Security-Policy with a script nonce").isTrue();
        assertThat(html).contains("<script nonce=\"" + csp.group(1) + "\">");
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
        assertThat(html).as("tag chart with the baseline's rate").contains("<title>adversarial: 0% (0/8), baseline 100%</title>")
                .contains("class=\"base-mark\"");
    }

    @Test
    void withoutScriptTheCasesWorthALookAreListedInThePageItself() throws Exception {
        String html = Files.readString(RunReports.writeAll(RunFixtures.hostileCandidate(),
                RunFixtures.hostileContext(), dir).html());

        String fallback = html.substring(html.indexOf("<div id=\"static-cases\">"), html.indexOf("</div>",
                html.indexOf("<div id=\"static-cases\">")));
        assertThat(Pattern.compile("<tr><td class=\"key\">").matcher(fallback).results().count())
                .as("8 regressions and the errored case; the passing case is left out").isEqualTo(9);
        assertThat(fallback).contains("<td class=\"key\">support/errored-case</td><td>error</td>")
                .contains("&lt;script&gt;document.title=&#39;PWNED-1&#39;").doesNotContain("<script")
                .doesNotContain("\u0000").doesNotContain("\u0001").contains("\uFFFDnul \uFFFD control");
        assertThat(html).contains("<table class=\"case-list\" id=\"case-list\" hidden>");
    }

    @Test
    void thePageFetchesNothing() throws Exception {
        RunResult baseline = RunFixtures.synthetic(50, 2, 1, "base");
        RunResult candidate = RunFixtures.synthetic(50, 2, 2, "cand");
        String html = Files.readString(RunReports.writeAll(candidate, RunFixtures.gated(baseline, candidate), dir)
                .html());

        assertThat(html).as("no CDN, no web fonts, no remote images").doesNotContain("http://", "https://",
                "@import", "@font-face", " src=");
        assertThat(html).contains("default-src 'none'");
    }

    @Test
    void embeddedCaseDataParsesBackAndCapsLongOutputs() throws Exception {
        RunResult run = RunFixtures.run(RunFixtures.spec("run-long", "1.0.0", 1, List.of()), List.of(
                RunFixtures.result("c", "long", 0, List.of(), "p", "x".repeat(50_000), 10, List.of(), null)));

        String html = Files.readString(RunReports.writeAll(run, ReportContext.none(), dir).html());
        Matcher block = Pattern.compile("<script type=\"application/json\" id=\"case-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(block.find()).isTrue();
        JsonNode data = Json.MAPPER.readTree(block.group(1));

        JsonNode repeat = data.path("cases").get(0).path("reps").get(0);
        assertThat(repeat.path("out").asText()).hasSize(TextCap.OUTPUT_CHARS);
        assertThat(repeat.path("len").asInt()).isEqualTo(50_000);
    }

    @Test
    void aStoredComparisonAloneStillGivesEachCaseItsBaselineOutput() throws Exception {
        ReportContext full = RunFixtures.hostileContext();
        ReportContext withoutBaselineRun = ReportContext.of(null, full.comparison().orElseThrow(),
                full.verdict().orElseThrow());

        String html = Files.readString(RunReports.writeAll(RunFixtures.hostileCandidate(), withoutBaselineRun, dir)
                .html());
        Matcher block = Pattern.compile("<script type=\"application/json\" id=\"case-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(block.find()).isTrue();
        JsonNode hostile1 = Json.MAPPER.readTree(block.group(1)).path("cases").get(1);

        assertThat(hostile1.path("ch").asText()).isEqualTo("regressed");
        assertThat(hostile1.path("bst").asText()).isEqualTo("pass");
        assertThat(hostile1.path("base").get(0).path("out").asText())
                .isEqualTo("I cannot help with that, but here is the refund policy.");
        assertThat(html).contains("support-bot@1.0.0").contains("Gate FAILED");
    }

    @Test
    void anEmptyRunStillRendersEveryReport() throws Exception {
        RunResult empty = RunFixtures.run(RunFixtures.spec("run-empty", "1.0.0", 1, List.of()), List.of());

        ReportFiles files = RunReports.writeAll(empty, ReportContext.none(), dir);

        assertThat(Files.readString(files.html())).contains("No gate evaluated");
        assertThat(Files.readString(files.markdown())).contains("0 cases");
        assertThat(Files.readString(files.junitXml())).contains("<testsuites>");
    }

    @Test
    void reportJsonHoldsTheWholeRunAndWhatTheReportConcluded() throws Exception {
        RunResult candidate = RunFixtures.hostileCandidate();
        JsonNode json = Json.MAPPER.readTree(RunReports.writeAll(candidate, RunFixtures.hostileContext(), dir)
                .json().toFile());

        assertThat(json.path("format").asText()).isEqualTo("evalgate-report/1");
        assertThat(json.path("results")).hasSize(candidate.results().size());
        assertThat(json.path("spec").path("runId").asText()).isEqualTo(candidate.spec().runId());
        assertThat(json.path("gate").path("state").asText()).isEqualTo("fail");
        assertThat(json.path("gate").path("violations")).hasSize(3);
        assertThat(json.path("cases").get(1).path("change").asText()).isEqualTo("regressed");
        assertThat(json.path("verdict").path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("verdict").path("violations").get(0).path("rule").asText())
                .isEqualTo("max_error_rate");
        assertThat(json.path("verdict").path("violations").get(1).path("rule").asText())
                .isEqualTo("max_regression[pass]");
        assertThat(json.path("metricDeltas").get(0).path("test").path("pValue").asDouble()).isLessThan(0.05);
    }
}
