package dev.evalgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.gate.Gate;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.reports.markdown.MarkdownText;

class MarkdownSummaryTest {
    @TempDir
    Path dir;

    @Test
    void hostileOutputsCannotAddMarkupLinksMentionsOrTableCells() throws Exception {
        Path file = RunReports.writeAll(RunFixtures.hostileCandidate(), RunFixtures.hostileContext(), dir).markdown();
        String md = Files.readString(file);

        assertThat(md).doesNotContain("<script", "<img", "<a href", "](javascript", "<style", "<base");
        assertThat(md).contains("### Top regressions (8)");
        // Each table row keeps its four cells whatever the output held: the only unescaped pipes are the borders.
        md.lines().filter(l -> l.startsWith("| support/")).forEach(row ->
                assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isEqualTo(5));
    }

    @Test
    void aSummaryWithVeryManyScorersStillFitsAPullRequestComment() throws Exception {
        List<CaseResult> results = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            List<Score> scores = new ArrayList<>();
            for (int s = 0; s < 400; s++) {
                scores.add(Score.fail("scorer-number-" + s + "-with-a-rather-long-name", "no"));
            }
            results.add(RunFixtures.result("c", "case-" + c, 0, List.of(), "p", "out", 10, scores, null));
        }
        RunResult run = RunFixtures.run(RunFixtures.spec("many", "1.0.0", 1, List.of()), results);

        String md = Files.readString(RunReports.writeAll(run, ReportContext.none(), dir).markdown());

        assertThat(md.length()).isLessThanOrEqualTo(60_000);
        assertThat(md).startsWith("## ").contains("summary cut to fit a pull-request comment")
                .endsWith("with outputs side by side.\n");
    }

    @Test
    void theMetricTableSaysHowManyCallsTheCacheServed() throws Exception {
        RunResult run = RunFixtures.hostileCandidate();
        List<CaseResult> cached = run.results().stream().map(r -> new CaseResult(r.corpus(), r.caseId(), r.repeat(),
                r.traceId(), r.tags(), r.prompt(), r.output(), r.outputTruncated(),
                new CallStats(5, 7, 12.0, null, "stop", 0, 1), r.scores(), r.error(), r.repairAttempts(),
                r.fallbackUsed())).toList();
        RunResult allCached = new RunResult(run.spec(), cached, RunSummary.of(cached, 0, 10), run.directory());

        String md = Files.readString(RunReports.writeAll(allCached, ReportContext.none(), dir).markdown());

        // Markdown escapes the parentheses of table cells.
        assertThat(md).contains("| model calls | " + cached.size() + " \\(" + cached.size() + " from cache\\)");
    }

    @Test
    void inlineTextEscapesMarkdownAndHtml() {
        assertThat(MarkdownText.inline("**bold** [x](javascript:alert(1)) <b>&</b> @team | `c`", 200))
                .isEqualTo("\\*\\*bold\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\) &lt;b&gt;&amp;&lt;/b&gt; "
                        + "@\u200Bteam \\| \\`c\\`");
        assertThat(MarkdownText.inline("1. item", 50)).isEqualTo("1\\. item");
        assertThat(MarkdownText.inline("- item\nnext line", 50)).isEqualTo("\\- item next line");
        assertThat(MarkdownText.inline("x".repeat(100), 10)).isEqualTo("xxxxxxxxxx \u2026");
        assertThat(MarkdownText.inline("a\u001b[31mred\u001b]0;title\u0007 nul\u0000 safe\u202eDESSAP", 200))
                .isEqualTo("a\uFFFD\\[31mred\uFFFD\\]0;title\uFFFD nul\uFFFD safe\uFFFDDESSAP");
    }

    @Test
    void failingGateLeadsWithTheVerdictAndListsEveryViolatedRuleWithItsCases() throws Exception {
        Path file = RunReports.writeAll(RunFixtures.hostileCandidate(), RunFixtures.hostileContext(), dir).markdown();
        String md = Files.readString(file);

        assertThat(md.lines().findFirst().orElseThrow()).startsWith("## \u274C evalgate: Gate failed");
        assertThat(md).contains("**Violated rules**")
                .contains("- **max\\_regression\\[pass\\]**: pass dropped from 1.000 to 0.111")
                .contains("- **no\\_new\\_failures\\[tags=adversarial\\]**: 8 cases tagged adversarial")
                .contains(", support/hostile-1, support/hostile-2, ");
        assertThat(md).contains("| pass rate \\(every scorer passes\\) | 11.1% |").contains("**\u25BC worse (p=0.008)**");
    }

    @Test
    void theSummaryAndThePageSayWhichTestTheGateUsesAndHowPreciseTheIntervalsAre() throws Exception {
        ReportFiles files = RunReports.writeAll(RunFixtures.hostileCandidate(), RunFixtures.hostileContext(), dir);
        String md = Files.readString(files.markdown());
        String html = Files.readString(files.html());

        for (String report : List.of(md, html)) {
            assertThat(report).contains("the gate decides on paired tests", "McNemar", "Wilcoxon",
                    "20,000 resamples", "95% Monte Carlo error");
        }
        // Each tested row of the page names the resamples and the Monte Carlo error of its delta interval.
        assertThat(html).containsPattern("bootstrap resamples, ends \u00B1[0-9.]+( pp)? \\(95% Monte Carlo\\)");
    }

    @Test
    void passingGateSaysSoAndNamesNoViolations() throws Exception {
        RunResult baseline = RunFixtures.synthetic(200, 1, 1, "base");
        RunResult candidate = RunFixtures.synthetic(200, 1, 1, "cand");
        Path file = RunReports.writeAll(candidate, RunFixtures.gated(baseline, candidate,
                RunFixtures.TOLERATING_ERRORS), dir).markdown();
        String md = Files.readString(file);

        assertThat(md.lines().findFirst().orElseThrow()).startsWith("## \u2705 evalgate: Gate passed");
        assertThat(md).contains("All 3 checked gate rules passed.").doesNotContain("Violated rules", "Top regressions");
    }

    @Test
    void aGateWithoutBaselineSaysWhichRulesItCouldNotCheck() throws Exception {
        RunResult candidate = RunFixtures.synthetic(20, 1, 3, "alone");
        GateVerdict verdict = new Gate(RunFixtures.TOLERATING_ERRORS).evaluate(candidate, null);
        Path file = RunReports.writeAll(candidate, ReportContext.of(null, null, verdict), dir).markdown();
        String md = Files.readString(file);

        assertThat(md.lines().findFirst().orElseThrow()).startsWith("## \u2705 evalgate: Gate passed");
        assertThat(md).contains("The 1 checked gate rule passed; 2 not checked").contains("> ");
    }

    @Test
    void withoutBaselineOrGateTheSummarySaysNoGateAndListsCasesNotPassing() throws Exception {
        Path file = RunReports.writeAll(RunFixtures.hostileCandidate(), ReportContext.none(), dir).markdown();
        String md = Files.readString(file);

        assertThat(md.lines().findFirst().orElseThrow()).contains("No gate");
        assertThat(md).contains("### Cases not passing (9)").contains("| metric | value | 95% CI |")
                .contains("| pass rate \\(all scorers\\) | 10.0% \\(1/10\\) |");
    }
}
