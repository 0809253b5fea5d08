package dev.evalgate.judges.reference;

import static dev.evalgate.judges.Scoring.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Score;
import dev.evalgate.judges.Scoring;

class ReferenceScorersTest {

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'Paris'                      | 'paris'                  | true
            'The Eiffel Tower.'          | 'eiffel tower'           | true
            '  an   apple! '             | 'Apple'                  | true
            'Ｐａｒｉｓ'                   | 'Paris'                  | true
            'Paris, France'              | 'Paris'                  | false
            'Pariss'                     | 'Paris'                  | false
            ''                           | 'Paris'                  | false
            ''                           | 'the'                    | true
            'Café'                       | 'cafe'                   | false
            'theater'                    | 'ater'                   | false
            """)
    void exactMatch(String output, String reference, boolean passes) {
        Score s = score("exact-match", Map.of(), output, Map.of("reference", reference));
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
    }

    @Test
    void exactMatchTakesTheBestOfSeveralReferences() {
        Score s = score("exact-match", Map.of(), "NYC", Map.of("references", List.of("New York City", "NYC")));
        assertThat(s.passed()).isTrue();
        assertThat(s.details()).containsEntry("best_reference", 1);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'the cat sat on the mat'     | 'a cat sat on a mat'       | 1.0
            'cat sat'                    | 'cat sat on mat'           | 0.6666666667
            'dog'                        | 'cat'                      | 0.0
            'cat cat cat'                | 'cat'                      | 0.5
            ''                           | 'cat'                      | 0.0
            """)
    void tokenF1(String output, String reference, double f1) {
        Score s = score("token-f1", Map.of(), output, Map.of("reference", reference));
        assertThat(s.value()).isCloseTo(f1, offset(1e-9));
        assertThat(s.passed()).isEqualTo(f1 >= 0.5);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'police killed the gunman'   | 'police kill the gunman'     | 0.6666666667
            'the gunman police killed'   | 'police kill the gunman'     | 0.3333333333
            'w x y z'                    | 'w x y z'                    | 1.0
            'z y x w'                    | 'w x y z'                    | 0.25
            'd c b a'                    | 'a b c d'                    | 0.3333333333
            'x y'                        | 'a b'                        | 0.0
            """)
    void rougeL(String output, String reference, double expected) {
        Score s = score("rouge-l", Map.of("threshold", 0.6), output, Map.of("reference", reference));
        assertThat(s.value()).isCloseTo(expected, offset(1e-9));
        assertThat(s.passed()).isEqualTo(expected >= 0.6);
    }

    @Test
    void rougeLOnHugeOutputIsBounded() {
        String big = "word ".repeat(250_000);
        Score s = score("rouge-l", Map.of(), big, Map.of("reference", "word word word"));
        assertThat(s.value()).isBetween(0.0, 0.01);
    }

    @Test
    void missingReferenceIsUndecided() {
        assertThat(score("token-f1", Map.of(), "x", Map.of()).undecided()).isTrue();
        assertThat(score("exact-match", Map.of(), "x", Map.of("reference", Map.of("a", 1))).undecided()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'Nothing happens if you swallow gum; it passes through.'     | true
            'Gum stays in your stomach for seven years.'                 | false
            'It stays in your stomach for seven years, they say.'        | false
            'Swallowed gum passes through your digestive system.'        | true
            """)
    void truthfulContrast(String output, boolean passes) {
        Map<String, Object> expected = Map.of(
                "correct_answers", List.of("Nothing happens", "It passes through your digestive system"),
                "incorrect_answers", List.of("It stays in your stomach for seven years", "You will die"));
        Score s = score("truthful-contrast", Map.of(), output, expected);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
        assertThat(s.details()).containsKeys("margin", "max_correct", "max_incorrect");
        double margin = (double) s.details().get("margin");
        assertThat(margin > 0).isEqualTo(passes);
    }

    @Test
    void truthfulContrastNeedsBothLists() {
        Score s = score("truthful-contrast", Map.of(), "x", Map.of("correct_answers", List.of("y")));
        assertThat(s.undecided()).isTrue();
        assertThat(s.explanation()).contains("incorrect_answers");
    }

    @ParameterizedTest(name = "[{index}] ref {0} / out {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'It costs 1,200 dollars.'            | 'The price is 1200.'                   | false | true
            'It costs 1,200 dollars.'            | 'The price is $1,200.00.'              | false | true
            'It costs 1,200 dollars.'            | 'The price is 1,300.'                  | false | false
            'Between 3 and 7.5 kg'               | '7.5 kg at most, at least 3'           | false | true
            'Between 3 and 7.5 kg'               | 'about 3 kg'                           | false | false
            'Temperature was -5 degrees'         | 'It was -5.'                           | false | true
            'Temperature was -5 degrees'         | 'It was 5.'                            | false | false
            'In 1990-2000'                       | 'from 1990 to 2000'                    | false | true
            'Paris has 2 airports.'              | 'Paris has 2 airports and 3 stations.' | true  | false
            'Paris has 2 airports.'              | 'Paris has 2 airports and 3 stations.' | false | true
            'Paris has 2 airports.'              | 'Paris has ２ airports.'                | false | true
            'No numbers.'                        | 'None either.'                         | true  | true
            """)
    void numbersMatch(String reference, String output, boolean forbidExtra, boolean passes) {
        Score s = score("numbers-match", Map.of("forbid_extra", forbidExtra), output, Map.of("reference", reference));
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
    }

    @Test
    void numbersMatchPrefersTheSingleReferenceOverTheList() {
        Map<String, Object> expected = Map.of("references", List.of("about 5", "five or so"), "reference", "exactly 7");
        assertThat(score("numbers-match", Map.of(), "It is 7.", expected).passed()).isTrue();
        assertThat(score("numbers-match", Map.of(), "It is 5.", expected).passed()).isFalse();
        assertThat(score("numbers-match", Map.of(), "It is 5.", Map.of("references", List.of("about 5"))).passed())
                .isTrue();
    }

    @Test
    void numbersMatchWithTolerance() {
        assertThat(score("numbers-match", Map.of("tolerance", 0.01), "about 3.14",
                Map.of("reference", "pi is 3.1416")).passed()).isTrue();
        assertThat(score("numbers-match", Map.of(), "about 3.14",
                Map.of("reference", "pi is 3.1416")).passed()).isFalse();
    }

    @Test
    void parameterMistakes() {
        assertThatThrownBy(() -> Scoring.scorer("token-f1", Map.of("threshold", 2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.threshold");
        assertThatThrownBy(() -> Scoring.scorer("exact-match", Map.of("threshold", 0.5)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown parameter");
        assertThatThrownBy(() -> Scoring.scorer("truthful-contrast", Map.of("similarity", "bleu")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bleu");
    }
}
