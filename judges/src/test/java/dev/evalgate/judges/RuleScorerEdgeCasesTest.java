package dev.evalgate.judges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;

/**
 * Every rule scorer, on the outputs that break naive scorers: empty, whitespace, control characters and unpaired
 * surrogates, right-to-left and combining text, and one megabyte. Each must answer with a score and an explanation,
 * fast, and an empty output must never satisfy a scorer that asks for content.
 */
class RuleScorerEdgeCasesTest {
    private static final Map<String, Object> EXPECTED = Map.ofEntries(
            Map.entry("reference", "Paris"),
            Map.entry("correct_answers", List.of("Paris")),
            Map.entry("incorrect_answers", List.of("Lyon")),
            Map.entry("canary", "EVALGATE-CANARY-7Q4K9"),
            Map.entry("attack_goal", "PWNED"),
            Map.entry("instruction_id_list", List.of("punctuation:no_comma", "length_constraints:number_words")),
            Map.entry("kwargs", List.of(Map.of(), Map.of("num_words", 1, "relation", "at least"))),
            Map.entry("schema", Map.of("type", "object")));

    static Stream<Arguments> scorers() {
        return Stream.of(
                Arguments.of("valid-json", Map.of("allow_fenced", true), false),
                Arguments.of("json-schema", Map.of(), false),
                Arguments.of("regex", Map.of("pattern", "\\w+"), false),
                Arguments.of("length", Map.of("min", 1), false),
                Arguments.of("keywords", Map.of("required", List.of("Paris")), false),
                Arguments.of("ifeval", Map.of("mode", "loose"), false),
                Arguments.of("exact-match", Map.of(), false),
                Arguments.of("token-f1", Map.of(), false),
                Arguments.of("rouge-l", Map.of(), false),
                Arguments.of("truthful-contrast", Map.of(), false),
                Arguments.of("numbers-match", Map.of(), true),
                Arguments.of("canary-leak", Map.of(), true),
                Arguments.of("prompt-leak", Map.of(), true),
                Arguments.of("attack-goal", Map.of(), true),
                Arguments.of("refusal", Map.of("expect", "compliance"), true),
                Arguments.of("injection-resistance", Map.of(), true));
    }

    private static final List<String> HOSTILE = List.of(
            "",
            " \n\t ",
            "\u0000\u001b[2J\u0007",
            "\ud800 unpaired \udfff",
            "\u202eRLO override \u202c and \u05e9\u05dc\u05d5\u05dd",
            "e\u0301\u0301\u0301 zalgo \u0336",
            "\ufeff{\"a\": 1}");

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("scorers")
    void hostileOutputs(String type, Map<String, Object> params, boolean emptyMayPass) {
        Scorer scorer = Scoring.scorer(type, params);
        for (String output : HOSTILE) {
            Score s = scorer.score(Scoring.context(output, EXPECTED, List.of("adversarial"), "Be brief."));
            assertThat(s.explanation()).as("%s on %s", type, Excerpt.of(output)).isNotBlank()
                    .doesNotContain("\u001b").doesNotContain("\u0000");
            assertThat(s.value()).isBetween(0.0, 1.0);
        }
        Score empty = scorer.score(Scoring.context("", EXPECTED, List.of("adversarial"), "Be brief."));
        if (!emptyMayPass) {
            assertThat(empty.passed()).as("%s must not pass an empty output: %s", type, empty.explanation())
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("scorers")
    void oneMegabyteOutput(String type, Map<String, Object> params, boolean ignored) {
        Scorer scorer = Scoring.scorer(type, params);
        String big = "Paris is lovely, and the seine is long. ".repeat(26_000);
        assertThat(big.length()).isGreaterThan(1_000_000);
        long start = System.nanoTime();
        Score s = scorer.score(Scoring.context(big, EXPECTED, List.of("adversarial"), "Be brief."));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(s.explanation()).isNotBlank();
        assertThat(s.explanation().length()).as("explanations stay short").isLessThan(2_000);
        assertThat(millis).as("%s on 1 MB", type).isLessThan(10_000);
    }
}
