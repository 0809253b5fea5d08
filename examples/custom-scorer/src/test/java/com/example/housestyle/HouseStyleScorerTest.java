package com.example.housestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.engine.SourceLocation;

/** The scorer through its SPI, as evalgate creates and calls it, with a real style guide next to a suite file. */
class HouseStyleScorerTest {
    @TempDir
    Path project;

    @Test
    void findsBannedTermsAndAMisspeltProductName() throws IOException {
        Scorer scorer = create(Map.of("style_guide", "guide.txt"), "utilize => use\n# a comment\ne-mail => email\n");

        Score good = scorer.score(context("Acme Cloud sends the link by email.", Map.of("product_name", "Acme Cloud")));
        Score bad = scorer.score(context("Utilize the ACME cloud e-mail form.", Map.of("product_name", "Acme Cloud")));

        assertThat(good.passed()).isTrue();
        assertThat(good.value()).isEqualTo(1.0);
        assertThat(bad.passed()).isFalse();
        assertThat(bad.value()).isZero();
        assertThat(bad.explanation()).contains("'utilize' (use 'use')", "'e-mail' (use 'email')",
                "the product name 'Acme Cloud' is not spelled exactly");
    }

    @Test
    void toleratesAsManyBannedTermsAsAsked() throws IOException {
        Scorer scorer = create(Map.of("style_guide", "guide.txt", "max_banned", 1), "utilize => use\n");

        Score score = scorer.score(context("We utilize it.", Map.of()));

        assertThat(score.passed()).isTrue();
        assertThat(score.explanation()).contains("tolerated: at most 1");
    }

    @Test
    void malformedCaseDataIsUndecidedAndNamesTheCaseAndField() throws IOException {
        Scorer scorer = create(Map.of("style_guide", "guide.txt"), "utilize => use\n");

        Score score = scorer.score(context("fine", Map.of("product_name", List.of("a", "b"))));

        assertThat(score.undecided()).isTrue();
        assertThat(score.explanation()).contains("case 'c1'", "expected.product_name");
    }

    @Test
    void aBadStyleGuideLineNamesTheSuiteParameterAndTheGuidesLine() {
        assertThatThrownBy(() -> create(Map.of("style_guide", "guide.txt"), "utilize => use\njust words\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("suite.yaml").hasMessageContaining("params.style_guide")
                .hasMessageContaining("guide.txt line 2: expected 'banned => preferred'");
    }

    @Test
    void parameterMistakesAreNamed() {
        assertThatThrownBy(() -> create(Map.of("style_guide", "missing.txt"), null))
                .hasMessageContaining("params.style_guide").hasMessageContaining("missing.txt");
        assertThatThrownBy(() -> create(Map.of("style_guide", "guide.txt", "max_banned", "two"), "a => b\n"))
                .hasMessageContaining("params.max_banned").hasMessageContaining("expected a number");
        assertThatThrownBy(() -> create(Map.of("styleguide", "guide.txt"), "a => b\n"))
                .hasMessageContaining("unknown parameter").hasMessageContaining("style_guide");
    }

    private Scorer create(Map<String, Object> params, String guide) throws IOException {
        if (guide != null) {
            Files.writeString(project.resolve("guide.txt"), guide);
        }
        ScorerSpec spec = new ScorerSpec("style", "house-style", params,
                new SourceLocation(project.resolve("suite.yaml"), 7, "scorers[0]"));
        return new HouseStyleScorerProvider().create(new ScorerParams(spec), JudgeModels.none());
    }

    private static ScoringContext context(String output, Map<String, Object> expected) {
        return ScoringContext.of(new EvalCase("c1", Map.of("question", "?"), expected, List.of(), Map.of()),
                ModelRequest.of("Answer in one sentence.", "?", GenerationParams.DEFAULTS), output);
    }
}
