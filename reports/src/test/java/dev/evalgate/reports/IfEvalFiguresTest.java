package dev.evalgate.reports;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.reports.html.HtmlReport;
import dev.evalgate.reports.json.JsonReport;
import dev.evalgate.reports.model.IfEvalFigures;
import dev.evalgate.reports.model.ReportModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * IFEval's four accuracies are pooled the paper's way (prompt level over prompts, instruction level over all
 * instructions), not averaged per case, and appear in report.json and the HTML report.
 */
class IfEvalFiguresTest {

    /** The details the {@code ifeval} scorer writes for one prompt. */
    private static Score ifeval(String name, int total, int strict, int loose) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "strict");
        details.put("instructions_total", total);
        details.put("followed_strict", strict);
        details.put("followed_loose", loose);
        details.put("prompt_level_strict", strict == total);
        details.put("prompt_level_loose", loose == total);
        return new Score(name, (double) strict / total, strict == total, strict + " of " + total, details);
    }

    private static CaseResult result(String id, List<Score> scores, String error) {
        return RunFixtures.result("ifeval", id, 0, List.of("ifeval"), "prompt " + id, "output " + id, 10, scores,
                error);
    }

    static RunResult run() {
        List<CaseResult> results = List.of(
                result("a", List.of(ifeval("ifeval-strict", 2, 2, 2), Score.pass("other", "fine")), null),
                result("b", List.of(ifeval("ifeval-strict", 3, 1, 2)), null),
                result("c", List.of(ifeval("ifeval-strict", 1, 0, 1)), null),
                result("d", List.of(Score.undecided("ifeval-strict", "bad kwargs")), null),
                result("e", List.of(), "model call failed"));
        return RunFixtures.run(RunFixtures.spec("run-ifeval", "1.0.0", 1, List.of()), results);
    }

    @Test
    void figuresArePooledOverPromptsAndOverInstructions() {
        List<IfEvalFigures> figures = IfEvalFigures.of(run().results());
        assertThat(figures).hasSize(1);
        IfEvalFigures f = figures.get(0);
        assertThat(f.scorer()).isEqualTo("ifeval-strict");
        assertThat(f.prompts()).isEqualTo(3);
        assertThat(f.instructions()).isEqualTo(6);
        assertThat(f.promptLevelStrict()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(f.instructionLevelStrict()).isCloseTo(3.0 / 6, within(1e-12));
        assertThat(f.promptLevelLoose()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(f.instructionLevelLoose()).isCloseTo(5.0 / 6, within(1e-12));
        // The scorer's mean is a mean of per-case shares, which is not IFEval's instruction-level accuracy.
        double meanOfShares = (1.0 + 1.0 / 3 + 0.0) / 3;
        assertThat(meanOfShares).isNotCloseTo(f.instructionLevelStrict(), within(0.01));
    }

    @Test
    void runsWithoutAnIfevalScorerHaveNoFigures() {
        RunResult run = RunFixtures.run(RunFixtures.spec("run-plain", "1.0.0", 1, List.of()),
                List.of(result("a", List.of(Score.pass("other", "fine")), null)));
        assertThat(IfEvalFigures.of(run.results())).isEmpty();
    }

    @Test
    void theHtmlReportShowsTheFourFigures() throws Exception {
        RunResult run = run();
        StringWriter html = new StringWriter();
        HtmlReport.render(ReportModel.of(run, ReportContext.none()), html);
        String page = html.toString();
        assertThat(page).contains("<h2 id=\"ifeval-title\">IFEval</h2>")
                .contains("prompt-level strict").contains("instruction-level loose")
                .contains("<td class=\"num\">33.33%</td>").contains("<td class=\"num\">50%</td>")
                .contains("<td class=\"num\">66.67%</td>").contains("<td class=\"num\">83.33%</td>");

        StringWriter plain = new StringWriter();
        RunResult other = RunFixtures.run(RunFixtures.spec("run-plain", "1.0.0", 1, List.of()),
                List.of(result("a", List.of(Score.pass("other", "fine")), null)));
        HtmlReport.render(ReportModel.of(other, ReportContext.none()), plain);
        assertThat(plain.toString()).doesNotContain("ifeval-title");
    }

    @Test
    void reportJsonCarriesTheFourFigures(@TempDir Path dir) throws Exception {
        RunResult run = run();
        Path file = dir.resolve("report.json");
        JsonReport.write(run, ReportContext.none(), ReportModel.of(run, ReportContext.none()), file);
        JsonNode f = Json.MAPPER.readTree(file.toFile()).get("ifeval").get(0);
        assertThat(f.get("scorer").asText()).isEqualTo("ifeval-strict");
        assertThat(f.get("prompts").asInt()).isEqualTo(3);
        assertThat(f.get("instructions").asInt()).isEqualTo(6);
        assertThat(f.get("promptLevelStrict").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(f.get("instructionLevelLoose").asDouble()).isCloseTo(5.0 / 6, within(1e-12));
    }
}
