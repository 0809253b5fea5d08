package dev.evalgate.engine.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.SyntheticRuns;

/** {@code max_drift}: a trend over the suite's recorded runs fails the gate; without a history it is not checked. */
class MaxDriftRuleTest {
    @TempDir
    Path dir;

    private final RunResult candidate = SyntheticRuns.run("candidate", List.of(SyntheticRuns.result("c1", 0, true)));

    @Test
    void aSustainedSlideFailsTheGateAndAFlatSeriesPasses() {
        GateRule.MaxDrift rule = new GateRule.MaxDrift("pass", 6, 0.05, SourceLocation.NONE);
        GateVerdict sliding = gate(rule, (run, metric, window) -> Optional.of(new double[] {0.92, 0.91, 0.9, 0.88,
                0.87, 0.85})).evaluate(candidate, null);
        assertThat(sliding.passed()).isFalse();
        assertThat(sliding.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("max_drift[pass]");
            assertThat(v.message()).contains("pass falls over the last 6 runs", "0.920 -> 0.850", "p=0.0014");
        });

        GateVerdict flat = gate(rule, (run, metric, window) -> Optional.of(new double[] {0.9, 0.88, 0.91, 0.9,
                0.89, 0.9})).evaluate(candidate, null);
        assertThat(flat.passed()).isTrue();
        // A rising pass rate is not a drift the gate fails on.
        assertThat(gate(rule, (run, metric, window) -> Optional.of(new double[] {0.8, 0.82, 0.84, 0.86, 0.88, 0.9}))
                .evaluate(candidate, null).passed()).isTrue();
    }

    @Test
    void latencyFailsWhenItRises() {
        GateRule.MaxDrift rule = new GateRule.MaxDrift("latency_p95_ms", 5, 0.05, SourceLocation.NONE);
        assertThat(rule.higherIsBetter()).isFalse();
        assertThat(gate(rule, (run, metric, window) -> Optional.of(new double[] {100, 110, 120, 130, 140}))
                .evaluate(candidate, null).passed()).isFalse();
    }

    @Test
    void withoutHistoryOrWithTooFewRunsTheRuleIsReportedAsNotChecked() {
        GateRule.MaxDrift rule = new GateRule.MaxDrift("pass", 10, 0.05, SourceLocation.NONE);
        GateVerdict none = gate(rule, MetricHistory.NONE).evaluate(candidate, null);
        assertThat(none.passed()).isTrue();
        assertThat(none.checks()).filteredOn(c -> c.rule().equals("max_drift[pass]")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(RuleCheck.Status.NOT_CHECKED);
            assertThat(c.message()).contains("needs the run history");
        });
        GateVerdict short3 = gate(rule, (run, metric, window) -> Optional.of(new double[] {0.9, 0.5, 0.1}))
                .evaluate(candidate, null);
        assertThat(short3.checks()).filteredOn(c -> c.rule().equals("max_drift[pass]")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("has 3 runs", "at least 4"));
    }

    @Test
    void parsesTheRuleAndNamesAMetricTheHistoryDoesNotRecord() throws Exception {
        GatePolicy policy = GatePolicyParser.parse(yaml("""
                max_drift:
                  - {metric: pass, window: 10}
                  - {metric: exact.pass_rate, window: 8, level: 0.01}
                  - {metric: latency_p95_ms}
                """), java.util.Set.of("exact"));
        assertThat(policy.rules()).extracting(GateRule::name).containsExactly("max_error_rate", "max_drift[pass]",
                "max_drift[exact.pass_rate]", "max_drift[latency_p95_ms]");
        assertThat((GateRule.MaxDrift) policy.rules().get(2)).extracting(GateRule.MaxDrift::window,
                GateRule.MaxDrift::level).containsExactly(8, 0.01);

        assertThatThrownBy(() -> GatePolicyParser.parse(yaml("max_drift: {metric: rouge, window: 10}\n"),
                java.util.Set.of("exact"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gate.yaml:1: field 'max_drift.metric'")
                .hasMessageContaining("no metric 'rouge'").hasMessageContaining("exact.pass_rate");
        assertThatThrownBy(() -> GatePolicyParser.parse(yaml("max_drift: {metric: pass, window: 2}\n"),
                java.util.Set.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("window must be between 4 and 1000");
    }

    private ConfigNode yaml(String text) throws Exception {
        Path file = dir.resolve("gate.yaml");
        Files.writeString(file, text);
        return ConfigNode.parseYaml(file);
    }

    private static Gate gate(GateRule rule, MetricHistory history) {
        return new Gate(new GatePolicy(0.05, 10, List.of(rule), Map.of(), SourceLocation.NONE), history);
    }
}
