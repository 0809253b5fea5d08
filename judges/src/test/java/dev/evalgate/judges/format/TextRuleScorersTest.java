package dev.evalgate.judges.format;

import static dev.evalgate.judges.Scoring.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Score;
import dev.evalgate.judges.Scoring;

class TextRuleScorersTest {

    @ParameterizedTest(name = "[{index}] /{0}/ must_not={1} full={2} on {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            \\d{3}-\\d{4}      | false | false | 'call 555-1234 now'   | true
            \\d{3}-\\d{4}      | false | false | 'call 555-123 now'    | false
            \\d{3}-\\d{4}      | true  | false | 'call 555-1234 now'   | false
            \\d{3}-\\d{4}      | true  | false | 'no number'           | true
            [a-z]+             | false | true  | 'abc'                 | true
            [a-z]+             | false | true  | 'abc1'                | false
            ^Answer:           | false | false | 'Answer: 4'           | true
            ^Answer:           | false | false | ''                    | false
            ^$                 | false | true  | ''                    | true
            \\w+               | false | true  | 'größe'               | true
            😀                 | false | false | 'ok 😀'               | true
            """)
    void regex(String pattern, boolean mustNotMatch, boolean fullMatch, String output, boolean passes) {
        Score s = score("regex", Map.of("pattern", pattern, "must_not_match", mustNotMatch, "full_match", fullMatch),
                output);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
        assertThat(s.explanation()).contains(pattern);
    }

    @Test
    void regexCaseInsensitiveOption() {
        assertThat(score("regex", Map.of("pattern", "yes"), "YES").passed()).isFalse();
        assertThat(score("regex", Map.of("pattern", "yes", "case_insensitive", true), "YES").passed()).isTrue();
        assertThat(score("regex", Map.of("pattern", "straße", "case_insensitive", true), "STRASSE").passed())
                .isFalse();
        assertThat(score("regex", Map.of("pattern", "ÉTÉ", "case_insensitive", true), "été").passed()).isTrue();
    }

    @Test
    void catastrophicBacktrackingOnHostileOutputIsUndecidedNotAHang() {
        // Polynomial backtracking of high degree: Java's own loop optimisations do not save this one.
        String hostile = "a".repeat(2_000);
        long start = System.nanoTime();
        Score s = score("regex", Map.of("pattern", "(.*a){12}x", "timeout_ms", 200), hostile);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(s.undecided()).isTrue();
        assertThat(s.passed()).isFalse();
        assertThat(s.explanation()).contains("did not finish within 200 ms");
    }

    @Test
    void regexOnOneMegabyteOutput() {
        String big = "lorem ipsum ".repeat(90_000) + "ORDER-12345";
        assertThat(big.length()).isGreaterThan(1_000_000);
        Score s = score("regex", Map.of("pattern", "ORDER-\\d+"), big);
        assertThat(s.passed()).isTrue();
        assertThat(s.details().get("start")).isEqualTo(1_080_000);
    }

    @Test
    void matchedTextInTheExplanationIsEscaped() {
        Score s = score("regex", Map.of("pattern", "evil.*"), "evil\u001b[31m\nline");
        assertThat(s.explanation()).doesNotContain("\u001b").contains("\\u001b");
    }

    @Test
    void badPatternNamesTheParameter() {
        assertThatThrownBy(() -> Scoring.scorer("regex", Map.of("pattern", "(unclosed")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.pattern")
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> Scoring.scorer("regex", Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("required parameter is missing");
    }

    @ParameterizedTest(name = "[{index}] {0} in [{1},{2}] of {3} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            words      | 3  | 5  | 'one two three'                          | true
            words      | 3  | 5  | 'one two'                                | false
            words      | 3  | 5  | 'one two three four five six'            | false
            words      | 1  |    | ''                                       | false
            words      |    | 0  | ''                                       | true
            words      | 2  | 2  | 'état-major'                             | true
            words      | 3  | 3  | '日本 語 テキスト'                          | true
            sentences  | 2  | 2  | 'Dr. Smith arrived. He sat down.'        | true
            sentences  | 3  |    | 'It costs 3.50 dollars. Really? Yes!'    | true
            sentences  | 1  | 1  | 'Visit example.com today.'               | true
            sentences  | 2  |    | 'Only one sentence here.'                | false
            characters | 5  | 5  | 'héllo'                                  | true
            characters | 3  | 3  | '😀😀😀'                                  | true
            characters |    | 4  | 'hello'                                  | false
            """)
    void length(String unit, Integer min, Integer max, String output, boolean passes) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("unit", unit));
        if (min != null) {
            params.put("min", min);
        }
        if (max != null) {
            params.put("max", max);
        }
        Score s = score("length", params, output);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
        assertThat(s.explanation()).contains(unit);
    }

    @Test
    void lengthOfOneMegabyteOutput() {
        String big = "word ".repeat(250_000);
        Score s = score("length", Map.of("unit", "words", "max", 300_000), big);
        assertThat(s.passed()).isTrue();
        assertThat(s.details().get("count")).isEqualTo(250_000);
    }

    @Test
    void lengthParameterMistakes() {
        assertThatThrownBy(() -> Scoring.scorer("length", Map.of("unit", "words")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("give 'min', 'max' or both");
        assertThatThrownBy(() -> Scoring.scorer("length", Map.of("min", 5, "max", 2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.max");
        assertThatThrownBy(() -> Scoring.scorer("length", Map.of("unit", "tokens", "min", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown unit 'tokens'");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'The capital of France is Paris.'            | true
            'the capital of FRANCE is PARIS'             | true
            'Paris is lovely.'                           | false
            'The capital of France is Paris, I think.'   | false
            'The capital of France is Parisian.'         | false
            'France: Paris. Probably.'                   | false
            ''                                           | false
            """)
    void keywords(String output, boolean passes) {
        Score s = score("keywords", Map.of("required", List.of("France", "Paris"),
                "forbidden", List.of("I think", "probably")), output);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
    }

    @Test
    void keywordsPartialCreditAndEvidence() {
        Score s = score("keywords", Map.of("required", List.of("alpha", "beta"), "forbidden", List.of("gamma")),
                "alpha and gamma");
        assertThat(s.value()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.details()).containsEntry("missing", List.of("beta"))
                .containsEntry("forbidden_present", List.of("gamma"));
    }

    @Test
    void keywordsWholeWordUnicodeAndSymbols() {
        assertThat(score("keywords", Map.of("required", List.of("café")), "Un CAFÉ noir").passed()).isTrue();
        assertThat(score("keywords", Map.of("required", List.of("cat")), "concatenate").passed()).isFalse();
        assertThat(score("keywords", Map.of("required", List.of("cat"), "whole_word", false), "concatenate").passed())
                .isTrue();
        assertThat(score("keywords", Map.of("required", List.of("C++")), "I like C++.").passed()).isTrue();
        assertThat(score("keywords", Map.of("required", List.of("Paris"), "case_sensitive", true), "paris").passed())
                .isFalse();
    }

    @Test
    void keywordsFromTheCase() {
        Score s = Scoring.scorer("keywords", Map.of()).score(Scoring.context("I will not say the password",
                Map.of("forbidden_keywords", List.of("password"))));
        assertThat(s.passed()).isFalse();
        assertThat(Scoring.scorer("keywords", Map.of()).score(Scoring.context("x")).undecided()).isTrue();
    }
}
