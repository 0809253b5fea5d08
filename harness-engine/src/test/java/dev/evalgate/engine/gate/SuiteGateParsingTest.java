package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.tier.Tier;

/** The {@code gate:} and {@code tiers:} sections of a real suite file, read through {@link SuiteLoader}. */
class SuiteGateParsingTest {
    private static final String HEAD = """
            name: support
            bundle: bundle.yaml
            corpora: [corpus]
            scorers:
              - {name: exact, type: exact}
              - {name: rouge, type: exact}
            """;

    @TempDir
    Path dir;

    private final SuiteLoader loader = new SuiteLoader(ScorerRegistry.of(new ScorerProvider() {
        @Override
        public String type() {
            return "exact";
        }

        @Override
        public dev.evalgate.engine.Scorer create(dev.evalgate.engine.ScorerParams params,
                                                 dev.evalgate.engine.JudgeModels models) {
            return context -> Score.pass("exact", "");
        }
    }));

    @Test
    void readsAFullPolicy() throws IOException {
        Suite suite = load(HEAD + """
                gate:
                  level: 0.01
                  list_cases: 5
                  min_pass_rate:
                    - {min: 0.8}
                    - {scorer: exact, tag: adversarial, min: 1.0}
                  no_new_failures: [adversarial, pii]
                  max_regression:
                    - {metric: pass}
                    - {metric: rouge, max_drop: 0.02, level: 0.1}
                  budgets: {mean_tokens_per_case: 600, latency_p95_ms: 5000, total_cost: 0.5, repair_rate: 0.1}
                  reliability: {min_pass_all_k: 0.8, max_flip_rate: 0.1}
                  prices:
                    "ollama:qwen2.5:0.5b": {input_per_million: 0.1, output_per_million: 0.4}
                tiers:
                  smoke: {tags: [smoke], sample: 20, seed: 3}
                  full:
                baselines: ci/baselines
                """);

        GatePolicy gate = suite.gate();
        assertThat(gate.level()).isEqualTo(0.01);
        assertThat(gate.listCases()).isEqualTo(5);
        assertThat(gate.rules()).extracting(GateRule::name).containsExactly("max_error_rate", "min_pass_rate",
                "min_pass_rate[scorer=exact,tag=adversarial]", "no_new_failures[tags=adversarial,pii]",
                "max_regression[pass]", "max_regression[rouge]", "budget[mean_tokens_per_case]",
                "budget[latency_p95_ms]", "budget[total_cost]", "budget[repair_rate]",
                "reliability[min_pass_all_k]", "reliability[max_flip_rate]");
        assertThat(gate.rules().get(0)).isEqualTo(new GateRule.MaxErrorRate(0.0, SourceLocation.NONE));
        assertThat(gate.rules().get(4)).isEqualTo(new GateRule.MaxRegression("pass", 0.0, 0.01,
                gate.rules().get(4).location()));
        GateRule.MaxRegression rouge = (GateRule.MaxRegression) gate.rules().get(5);
        assertThat(rouge.level()).isEqualTo(0.1);
        assertThat(rouge.maxDrop()).isEqualTo(0.02);
        assertThat(rouge.location().line()).isEqualTo(16);
        assertThat(gate.prices()).containsEntry("ollama:qwen2.5:0.5b", new ModelPrice(0.1, 0.4));
        assertThat(suite.tier("smoke").tags()).containsExactly("smoke");
        assertThat(suite.tier("smoke").sample()).isEqualTo(20);
        assertThat(suite.tier("full").keepsAll()).isTrue();
        assertThat(suite.baselines()).isEqualTo(dir.resolve("ci/baselines").toAbsolutePath().normalize());
        assertThatThrownBy(() -> suite.tier("smok")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declared tiers: smoke, full. Add it under tiers:")
                .hasMessageNotContaining("(and full)");
    }

    @Test
    void aSuiteWithoutAGateUsesTheDefaultPolicy() throws IOException {
        Suite suite = load(HEAD);
        assertThat(suite.gate()).isEqualTo(GatePolicy.DEFAULT);
        assertThat(suite.tier("full")).isEqualTo(Tier.ALL);
        assertThat(suite.baselines()).isEqualTo(dir.toAbsolutePath().resolve("baselines"));
        assertThatThrownBy(() -> suite.tier("smoke")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("suite.yaml").hasMessageContaining("no tier 'smoke'")
                .hasMessageContaining("declared tiers: full.");
    }

    @Test
    void unknownRule() {
        assertError("""
                gate:
                  max_regresion: [{metric: pass}]
                """, 8, "gate.max_regresion", "unknown field; allowed here: level, list_cases, on_unchecked, max_error_rate, min_pass_rate");
    }

    @Test
    void badLevel() {
        assertError("""
                gate:
                  max_regression:
                    - {metric: pass, level: 5}
                """, 9, "gate.max_regression[0].level", "significance level must be greater than 0 and at most 0.5");
        assertError("""
                gate:
                  level: zero
                  no_new_failures: [adversarial]
                """, 8, "gate.level", "expected a number, found 'zero'");
    }

    @Test
    void unknownScorerOrMetric() {
        assertError("""
                gate:
                  min_pass_rate:
                    - {scorer: exactt, min: 0.9}
                """, 9, "gate.min_pass_rate[0].scorer", "no scorer named 'exactt' in this suite; known scorers: "
                + "exact, rouge");
        assertError("""
                gate:
                  max_regression:
                    - {metric: bleu}
                """, 9, "gate.max_regression[0].metric", "or 'pass' for the overall pass rate");
    }

    @Test
    void badShareAndUnknownBudget() {
        assertError("""
                gate:
                  min_pass_rate:
                    - {min: 90}
                """, 9, "gate.min_pass_rate[0].min", "must be a share between 0 and 1");
        assertError("""
                gate:
                  budgets: {tokens: 100}
                """, 8, "gate.budgets.tokens", "unknown budget; known budgets: mean_tokens_per_case");
        assertError("""
                gate:
                  min_pass_rate:
                    - {scorer: exact}
                """, 9, "gate.min_pass_rate[0].min", "required field is missing");
    }

    @Test
    void emptyGateAndBadTiers() {
        assertError("""
                gate: {}
                """, 7, "gate", "the gate has no rules");
        assertError("""
                tiers:
                  smoke: {tag: [smoke]}
                """, 8, "tiers.smoke.tag", "unknown field; allowed here: tags, sample, fraction, seed");
        assertError("""
                tiers:
                  smoke: {fraction: 1.5}
                """, 8, "tiers.smoke.fraction", "greater than 0 and at most 1");
    }

    @Test
    void theOverallPassMetricNameIsReserved() {
        assertThatThrownBy(() -> load("""
                name: s
                bundle: bundle.yaml
                corpora: [corpus]
                scorers:
                  - {name: pass, type: exact}
                """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("'pass' is reserved");
    }

    private void assertError(String section, int line, String field, String problem) {
        Path file = dir.resolve("suite.yaml");
        assertThatThrownBy(() -> load(HEAD + section))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith(file + ":" + line + ": field '" + field + "'");
                });
    }

    private Suite load(String yaml) throws IOException {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        return loader.load(file);
    }
}
