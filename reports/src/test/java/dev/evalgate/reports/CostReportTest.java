package dev.evalgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.gate.ModelPrice;
import dev.evalgate.engine.internal.Json;

/**
 * The run's cost is in every report, from the prices the run recorded: total, per result, the model and each
 * judging scorer; a missing price reads "unknown", never a cost of zero.
 */
class CostReportTest {
    @TempDir
    Path dir;

    @Test
    void summaryHtmlAndJsonShowTheCostOfTheModelAndOfEachJudge() throws Exception {
        RunSpec plain = RunFixtures.spec("priced", "1.0.0", 1, List.of());
        RunSpec priced = withPricing(plain, new RunPricing(new ModelPrice(2.0, 8.0), "ollama:judge",
                new ModelPrice(1.0, 4.0)));
        // Each result: 12 + 34 model tokens, 1000 + 10 judge tokens for 'rubric'.
        List<CaseResult> results = List.of(judged("a"), judged("b"));
        RunResult run = RunFixtures.run(priced, results);

        ReportFiles files = RunReports.writeAll(run, ReportContext.none(), dir);

        // model: 2 * (12 * 2 + 34 * 8) / 1e6 = 0.000592; judge: 2 * (1000 * 1 + 10 * 4) / 1e6 = 0.00208
        String md = Files.readString(files.markdown());
        assertThat(md).contains("| cost \\(total\\) | 0.002672 |").contains("| cost per result | 0.001336 |")
                .contains("| model cost | 0.000592 |").contains("| judge cost \\(rubric\\) | 0.002080 |");
        String html = Files.readString(files.html());
        assertThat(html).contains("judge cost (rubric)").contains("0.002080").contains("0.002672");
        JsonNode json = Json.MAPPER.readTree(files.json().toFile());
        assertThat(json.get("metrics").findValuesAsText("metric")).contains("cost (total)", "judge cost (rubric)");
        assertThat(json.get("cases").findValuesAsText("key")).containsExactly("support/a", "support/b");
        assertThat(json.get("cases").get(0).get("cost").asDouble()).isCloseTo(0.001336, within(1e-12));
        assertThat(json.get("spec").get("pricing").get("model").get("inputPerMillion").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aMissingPriceIsShownAsUnknownNeverAsZero() throws Exception {
        RunSpec judgeUnpriced = withPricing(RunFixtures.spec("half", "1.0.0", 1, List.of()),
                new RunPricing(new ModelPrice(2.0, 8.0), "ollama:judge", null));
        String md = Files.readString(RunReports.writeAll(RunFixtures.run(judgeUnpriced, List.of(judged("a"))),
                ReportContext.none(), dir.resolve("half")).markdown());
        assertThat(md).contains("| cost \\(total\\) | unknown |").contains("| judge cost \\(rubric\\) | unknown |")
                .contains("| model cost | 0.000296 |");

        String none = Files.readString(RunReports.writeAll(RunFixtures.run(RunFixtures.spec("none", "1.0.0", 1,
                List.of()), List.of(judged("a"))), ReportContext.none(), dir.resolve("none")).markdown());
        assertThat(none).contains("| cost | unknown |").doesNotContain("| cost \\(total\\) | 0.");
    }

    /** In the page a reader opens: a case's detail gives what that result cost, model and judge together. */
    @Test
    void theCaseDetailInChromiumShowsWhatTheResultCost() throws Exception {
        RunSpec priced = withPricing(RunFixtures.spec("detail", "1.0.0", 1, List.of()), new RunPricing(
                new ModelPrice(2.0, 8.0), "ollama:judge", new ModelPrice(1.0, 4.0)));
        ReportFiles files = RunReports.writeAll(RunFixtures.run(priced, List.of(judged("a"), judged("b"))),
                ReportContext.none(), dir.resolve("detail"));
        DevToolsSession page = HeadlessChromium.locate(dir.resolve("chromium")).devTools();
        try {
            page.open(files.html().toAbsolutePath().toUri() + "#show=all&case=support%2Fb");
            page.awaitCaseList();
            assertThat(page.evaluate("document.querySelector('#detail h2').textContent")).isEqualTo("support/b");
            // (12 * 2 + 34 * 8 + 1000 * 1 + 10 * 4) / 1e6
            assertThat(page.evaluate("document.querySelector('#detail .stats').textContent"))
                    .contains("cost: 0.001336");
        } finally {
            page.close();
        }
    }

    private static CaseResult judged(String id) {
        CaseResult r = RunFixtures.result("support", id, 0, List.of(), "prompt", "output", 10,
                List.of(Score.pass("rubric", "fine")), null);
        return new CaseResult(r.corpus(), r.caseId(), r.repeat(), r.traceId(), r.tags(), r.prompt(), r.output(),
                r.outputTruncated(), r.stats(), r.scores(), r.error(), r.repairAttempts(), r.fallbackUsed(),
                Map.of("rubric", new CallStats(1000, 10, 50, null, "stop", 1, 0)));
    }

    private static RunSpec withPricing(RunSpec s, RunPricing pricing) {
        return new RunSpec(s.runId(), s.suite(), s.suiteFile(), s.startedAt(), s.engineVersion(), s.bundle(),
                s.bundleDigest(), s.model(), s.corpora(), s.scorers(), s.repeats(), s.seeds(), s.concurrency(),
                s.timeoutMs(), s.host(), s.java(), s.os(), s.selection(), pricing);
    }
}
