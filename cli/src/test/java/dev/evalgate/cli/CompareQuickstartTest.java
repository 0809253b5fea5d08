package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** The developer's loop: two prompt versions of the shipped quickstart, compared on the shared embedded model. */
class CompareQuickstartTest {
    @TempDir
    Path tmp;

    @Test
    void comparesTwoPromptVersionsCaseByCase() throws Exception {
        Path quickstart = Path.of("..", "examples", "quickstart");
        // The shipped prompt versions: v2 fences the customer's text as data against prompt injection.
        Path v1 = quickstart.resolve("prompts/v1.yaml");
        Path v2 = quickstart.resolve("prompts/v2.yaml");

        CliFixture.Outcome outcome = CliFixture.runCli("compare", v1.toString(), v2.toString(),
                "--suite", quickstart.resolve("suite.yaml").toString(), "--model", SharedModelFile.path().toString(),
                "--out", tmp.resolve("runs").toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        List<String> metrics = new ArrayList<>(List.of(MetricDelta.OVERALL_PASS));
        new SuiteLoader(ScorerRegistry.load()).load(quickstart.resolve("suite.yaml")).scorers()
                .forEach(s -> metrics.add(s.name()));
        assertThat(outcome.out()).contains("support-assistant@1.0.0 (baseline", "support-assistant@2.0.0 (candidate",
                "metric", "cases: ");
        metrics.forEach(m -> assertThat(outcome.out()).containsPattern("(?m)^" + m + " +[0-9.]+ +[0-9.]+ +[-+]"));
        // Every case is accounted for: by status in the counts line, and score moves listed case by case.
        assertThat(outcome.out()).containsPattern("cases: \\d+ worse, \\d+ better, \\d+ flaky, \\d+ same");
        // Which statistic decides, and how precise the intervals are.
        assertThat(outcome.out()).containsPattern("verdicts come from the paired test; the CI is a percentile "
                + "bootstrap of [0-9,]+ resamples, its ends within \\+-[0-9.]+ \\(95% Monte Carlo error");
        Path comparisonFile;
        try (var dirs = Files.list(tmp.resolve("runs"))) {
            comparisonFile = dirs.map(d -> d.resolve("comparison.json")).filter(Files::isRegularFile).findFirst()
                    .orElseThrow();
        }
        Comparison comparison = Json.MAPPER.readValue(comparisonFile.toFile(), Comparison.class);
        assertThat(comparison.baseline().bundle()).isEqualTo("support-assistant@1.0.0");
        assertThat(comparison.candidate().bundle()).isEqualTo("support-assistant@2.0.0");
        assertThat(comparison.caseDiffs()).hasSize(24);
        assertThat(comparison.metricDeltas()).extracting(MetricDelta::metric).containsExactlyElementsOf(metrics);
        // The overall pass rate covers every case; a scorer only the cases it applies to.
        assertThat(comparison.metric(MetricDelta.OVERALL_PASS).orElseThrow().baseline().n()).isEqualTo(24);
        assertThat(comparison.metricDeltas()).allSatisfy(m -> {
            assertThat(m.baseline().n()).isBetween(1, 24);
            assertThat(m.test().pValue()).isBetween(0.0, 1.0);
            assertThat(m.delta().resamples()).isPositive();
        });
        assertThat(comparisonFile.resolveSibling("report.html")).isNotEmptyFile();
    }
}
