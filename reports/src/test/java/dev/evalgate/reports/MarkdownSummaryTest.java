package dev.evalgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.reports.markdown.MarkdownText;

class MarkdownSummaryTest {
    @TempDir
    Path dir;

    @Test
    void hostileOutputsCannotAddMarkupLinksMentionsOrTableCells() throws Exception {
        Path file = RunReports.writeAll(RunFixtures.hostileCandidate(),
                ReportContext.none().withBaseline(RunFixtures.hostileBaseline()), dir).markdown();
        String md = Files.readString(file);

        assertThat(md).doesNotContain("<script", "<img", "<a href", "](javascript", "<style", "<base");
        assertThat(md).contains("### Top regressions (8)");
        // Each table row keeps its four cells whatever the output held: the only unescaped pipes are the borders.
        md.lines().filter(l -> l.startsWith("| support/")).forEach(row ->
                assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isEqualTo(5));
    }

    @Test
    void inlineTextEscapesMarkdownAndHtml() {
        assertThat(MarkdownText.inline("**bold** [x](javascript:alert(1)) <b>&</b> @team | `c`", 200))
                .isEqualTo("\\*\\*bold\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\) &lt;b&gt;&amp;&lt;/b&gt; "
                        + "@\u200Bteam \\| \\`c\\`");
        assertThat(MarkdownText.inline("1. item", 50)).isEqualTo("1\\. item");
        assertThat(MarkdownText.inline("- item\nnext line", 50)).isEqualTo("\\- item next line");
        assertThat(MarkdownText.inline("x".repeat(100), 10)).isEqualTo("xxxxxxxxxx \u2026");
    }

    @Test
    void summaryLeadsWithTheVerdictAndListsTheMetrics() throws Exception {
        Path file = RunReports.writeAll(RunFixtures.hostileCandidate(),
                ReportContext.none().withBaseline(RunFixtures.hostileBaseline()), dir).markdown();
        String md = Files.readString(file);

        assertThat(md.lines().findFirst().orElseThrow()).startsWith("## ").contains("No gate");
        assertThat(md).contains("| pass rate \\(all scorers\\) | 10.0% \\(1/10\\) |")
                .contains("**\u25BC worse**");
    }
}
