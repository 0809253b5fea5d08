package dev.evalgate.engine.gate;

import static dev.evalgate.engine.compare.SyntheticRuns.result;
import static dev.evalgate.engine.compare.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.TrustedScores;

/** A rule that cannot be checked is not a pass: it is a note or a failure, as the policy says. */
class GateUncheckedRulesTest {
    private static final GateRule JUDGE = new GateRule.MinPassRate("judge", null, 0.8, SourceLocation.NONE);
    private static final GateRule NO_NEW = new GateRule.NoNewFailures(List.of("adversarial"), SourceLocation.NONE);
    private static final GateRule REGRESSION = new GateRule.MaxRegression("pass", 0, 0.05, SourceLocation.NONE);

    @TempDir
    Path tmp;

    @Test
    void aJudgeThatFailedCalibrationFailsTheGateUnlessTheRuleWarns() {
        Score untrusted = new Score("judge", 0.0, false, "", Map.of(TrustedScores.UNTRUSTED, true));
        RunResult candidate = run("cand", List.of(result("a", 0, List.of(untrusted)),
                result("b", 0, List.of(untrusted))));

        GateVerdict strict = new Gate(policy(Set.of(), JUDGE)).evaluate(candidate, null);

        assertThat(strict.passed()).isFalse();
        assertThat(strict.checks().get(1).status()).isEqualTo(RuleCheck.Status.NOT_CHECKED);
        assertThat(strict.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("min_pass_rate[scorer=judge]");
            assertThat(v.message()).contains("could not be checked: every judge score is untrusted: its judge "
                    + "failed its calibration (min_kappa)", "on_unchecked: warn");
        });

        GateVerdict lenient = new Gate(policy(Set.of(JUDGE.name()), JUDGE)).evaluate(candidate, null);

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.checks().get(1).status()).isEqualTo(RuleCheck.Status.NOT_CHECKED);
        assertThat(lenient.notes()).anyMatch(n -> n.startsWith("min_pass_rate[scorer=judge] was not checked")
                && n.contains("on_unchecked: warn"));
    }

    @Test
    void rulesThatNeedABaselineAreNotesWithoutOneButFailWhenTheBaselineAskedForIsMissing() {
        RunResult candidate = run("cand", List.of(result("a", 0, true, "adversarial")));
        Gate gate = new Gate(policy(Set.of(), NO_NEW, REGRESSION));

        GateVerdict noneAsked = gate.evaluate(candidate, null, null);
        assertThat(noneAsked.passed()).isTrue();
        assertThat(noneAsked.checks()).extracting(RuleCheck::status).containsExactly(RuleCheck.Status.PASSED,
                RuleCheck.Status.NOT_CHECKED, RuleCheck.Status.NOT_CHECKED);
        assertThat(noneAsked.notes()).contains("no baseline to compare with: max_regression[pass] was not checked "
                + "(none was given)");

        GateVerdict missing = gate.evaluate(candidate, null, "no baseline 'main' at baselines/main");
        assertThat(missing.passed()).isFalse();
        assertThat(missing.violations()).extracting(Violation::rule).containsExactly(NO_NEW.name(),
                REGRESSION.name());
        assertThat(missing.violations().get(0).message()).startsWith("could not be checked: the baseline was asked "
                + "for but could not be read: no baseline 'main' at baselines/main");

        GateVerdict warned = new Gate(policy(Set.of(NO_NEW.name(), REGRESSION.name()), NO_NEW, REGRESSION))
                .evaluate(candidate, null, "no baseline 'main'");
        assertThat(warned.passed()).isTrue();
        assertThat(warned.notes()).hasSize(2);
    }

    @Test
    void theSuiteSaysOnUncheckedPerRuleOrForTheWholeGate() throws IOException {
        GatePolicy perRule = parse("""
                gate:
                  min_pass_rate:
                    - {scorer: judge, min: 0.8, on_unchecked: warn}
                    - {scorer: exact, min: 0.8}
                  no_new_failures: {tags: [adversarial], on_unchecked: warn}
                  max_regression:
                    - {metric: pass}
                """);
        assertThat(perRule.warnWhenUnchecked()).containsExactlyInAnyOrder("min_pass_rate[scorer=judge]",
                "no_new_failures[tags=adversarial]");

        GatePolicy whole = parse("""
                gate:
                  on_unchecked: warn
                  no_new_failures: [adversarial]
                  max_regression:
                    - {metric: pass, on_unchecked: fail}
                """);
        assertThat(whole.warnWhenUnchecked()).containsExactly("no_new_failures[tags=adversarial]");

        assertThatThrownBy(() -> parse("""
                gate:
                  max_regression:
                    - {metric: pass, on_unchecked: ignore}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gate.yaml:3: field 'gate.max_regression[0].on_unchecked'")
                .hasMessageContaining("on_unchecked is 'fail'");
    }

    private GatePolicy parse(String yaml) throws IOException {
        Path file = tmp.resolve("gate.yaml");
        Files.writeString(file, yaml);
        return GatePolicyParser.parse(ConfigNode.parseYaml(file).required("gate"), Set.of("judge", "exact"));
    }

    private static GatePolicy policy(Set<String> warn, GateRule... rules) {
        return new GatePolicy(0.05, 10, List.of(rules), Map.of(), SourceLocation.NONE, warn);
    }
}
