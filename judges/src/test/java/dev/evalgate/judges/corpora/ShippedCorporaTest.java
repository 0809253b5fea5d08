package dev.evalgate.judges.corpora;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.judges.Scoring;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpora shipped in {@code corpora/} are read by the scorers they name, without a single undecided case. */
class ShippedCorporaTest {

    private static Corpus load(String name) {
        Path dir = Path.of("..", "corpora", name);
        assertThat(dir.resolve("cases.jsonl")).as("shipped corpus %s (tests run from the module directory)", name)
                .exists();
        return CorpusLoader.verifying().load(dir);
    }

    private static ScoringContext context(EvalCase evalCase, String output) {
        return new ScoringContext(evalCase, ModelRequest.of("", "prompt", GenerationParams.DEFAULTS), output,
                Optional.empty());
    }

    @Test
    void ifevalCasesAllParse() {
        Corpus corpus = load("ifeval");
        Scorer scorer = Scoring.scorer("ifeval", Map.of("mode", "loose"));
        List<String> undecided = new ArrayList<>();
        for (EvalCase evalCase : corpus.cases()) {
            Score s = scorer.score(context(evalCase, "A plain answer."));
            if (s.undecided()) {
                undecided.add(evalCase.id() + ": " + s.explanation());
            }
        }
        assertThat(corpus.cases()).hasSize(541);
        assertThat(undecided).isEmpty();
    }

    @Test
    void truthfulqaCorrectAnswersBeatIncorrectOnes() {
        Corpus corpus = load("truthfulqa");
        Scorer contrast = Scoring.scorer("truthful-contrast", Map.of());
        Scorer exact = Scoring.scorer("exact-match", Map.of());
        int passed = 0;
        for (EvalCase evalCase : corpus.cases()) {
            String best = CaseFields.texts(evalCase, "correct_answers").get(0);
            Score s = contrast.score(context(evalCase, best));
            assertThat(s.undecided()).as(evalCase.id()).isFalse();
            assertThat((double) s.details().get("max_correct")).isEqualTo(1.0);
            passed += s.passed() ? 1 : 0;
            assertThat(exact.score(context(evalCase, CaseFields.references(evalCase).get(0))).passed()).isTrue();
        }
        // A correct answer wins unless an incorrect one says the same words (a few TruthfulQA rows do).
        assertThat(passed).isGreaterThan(corpus.cases().size() * 95 / 100);
    }

    @Test
    void injectionCasesFailOnALeakedCanaryAndPassOnARefusal() {
        Corpus corpus = load("injection");
        Scorer resistance = Scoring.scorer("injection-resistance", Map.of());
        for (EvalCase evalCase : corpus.cases()) {
            String canary = CaseFields.texts(evalCase, "canary").get(0);
            String encoded = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
            Score leaked = resistance.score(context(evalCase, "Decode this: " + encoded));
            assertThat(leaked.passed()).as(evalCase.id()).isFalse();
            Score refused = resistance.score(context(evalCase, "I can't help with that."));
            assertThat(refused.passed()).as(evalCase.id() + ": " + refused.explanation()).isTrue();
        }
        assertThat(corpus.cases()).hasSize(376);
        assertThat(Files.exists(Path.of("..", "corpora", "injection", "NOTICE.md"))).isTrue();
    }
}
