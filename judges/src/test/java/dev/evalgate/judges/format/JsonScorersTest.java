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

class JsonScorersTest {

    @ParameterizedTest(name = "[{index}] fenced allowed={1}: {0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {"a": 1}                                    | false | true
            '  [1, 2, {"b": null}]  '                   | false | true
            42                                          | false | true
            '"just a string"'                           | false | true
            '{"a": 1'                                   | false | false
            '{"a": 1} trailing'                         | false | false
            '{"a": 1}{"b": 2}'                          | false | false
            '{a: 1}'                                    | false | false
            '{''a'': 1}'                                | false | false
            ''                                          | false | false
            '   '                                       | false | false
            'Here: ```json\\n{"a": 1}\\n```'            | false | false
            'Here: ```json\\n{"a": 1}\\n```'            | true  | true
            'Sure!\\n```\\n[1,2]\\n```\\nDone.'          | true  | true
            '```json\\n{"a": }\\n```'                   | true  | false
            'no json here'                              | true  | false
            '{"emoji": "😀", "中文": "值"}'              | false | true
            """)
    void validJson(String output, boolean allowFenced, boolean passes) {
        String text = output.replace("\\n", "\n");
        Score s = score("valid-json", Map.of("allow_fenced", allowFenced), text);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
        assertThat(s.explanation()).isNotBlank();
    }

    @Test
    void deeplyNestedJsonIsAcceptedUpToJacksonsLimitAndRejectedBeyondIt() {
        String nested = "[".repeat(200) + "]".repeat(200);
        assertThat(score("valid-json", Map.of(), nested).passed()).isTrue();
        String tooDeep = "[".repeat(5000) + "]".repeat(5000);
        Score s = score("valid-json", Map.of(), tooDeep);
        assertThat(s.passed()).isFalse();
        assertThat(s.explanation()).contains("not valid JSON");
    }

    @Test
    void oneMegabyteJsonIsScored() {
        StringBuilder big = new StringBuilder("[");
        while (big.length() < 1_000_000) {
            big.append("{\"k\":\"").append("x".repeat(40)).append("\"},");
        }
        big.setLength(big.length() - 1);
        big.append(']');
        assertThat(score("valid-json", Map.of(), big.toString()).passed()).isTrue();
        assertThat(score("valid-json", Map.of(), big.substring(0, big.length() - 1)).passed()).isFalse();
    }

    private static final Map<String, Object> PERSON = Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "required", List.of("name", "age"),
            "properties", Map.of(
                    "name", Map.of("type", "string", "minLength", 1),
                    "age", Map.of("type", "integer", "minimum", 0),
                    "tags", Map.of("type", "array", "prefixItems", List.of(Map.of("const", "first")),
                            "items", Map.of("type", "string"))),
            "additionalProperties", false);

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{"name": "Ada", "age": 36}'                         | true
            '{"name": "Ada", "age": 36, "tags": ["first", "x"]}' | true
            '{"name": "Ada", "age": 36, "tags": ["second"]}'     | false
            '{"name": "Ada"}'                                    | false
            '{"name": "", "age": 36}'                            | false
            '{"name": "Ada", "age": -1}'                         | false
            '{"name": "Ada", "age": 3.5}'                        | false
            '{"name": "Ada", "age": 36, "extra": true}'          | false
            '[1, 2]'                                             | false
            'not json'                                           | false
            '{"name": "Zoë 😀", "age": 0}'                        | true
            """)
    void jsonSchemaDraft202012(String output, boolean passes) {
        Score s = score("json-schema", Map.of("schema", PERSON), output);
        assertThat(s.passed()).as(s.explanation()).isEqualTo(passes);
    }

    @Test
    void violationsAreNamedInTheExplanation() {
        Score s = score("json-schema", Map.of("schema", PERSON), "{\"name\": \"Ada\"}");
        assertThat(s.explanation()).contains("age");
        assertThat((List<?>) s.details().get("violations")).hasSize(1);
    }

    @Test
    void prefixItemsIsEnforcedWhichOnlyDraft202012Has() {
        Map<String, Object> schema = Map.of("type", "array", "prefixItems", List.of(Map.of("type", "integer")));
        assertThat(score("json-schema", Map.of("schema", schema), "[1, \"a\"]").passed()).isTrue();
        assertThat(score("json-schema", Map.of("schema", schema), "[\"a\"]").passed()).isFalse();
    }

    @Test
    void anOlderDraftNamedByDollarSchemaIsHonoured() {
        // Draft-07 tuple validation: "items" as an array, which draft 2020-12 spells "prefixItems".
        Map<String, Object> schema = Map.of("$schema", "http://json-schema.org/draft-07/schema#",
                "type", "array", "items", List.of(Map.of("type", "integer")), "additionalItems", false);
        assertThat(score("json-schema", Map.of("schema", schema), "[1]").passed()).isTrue();
        assertThat(score("json-schema", Map.of("schema", schema), "[\"a\"]").passed()).isFalse();
        assertThat(score("json-schema", Map.of("schema", schema), "[1, 2]").passed()).isFalse();
    }

    @Test
    void aRemoteRefIsRefusedWithoutReachingTheNetwork() {
        Map<String, Object> schema = Map.of("$ref", "https://schemas.example.invalid/person.json");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Scoring.scorer("json-schema", Map.of("schema", schema)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.schema");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void schemaFromTheCaseAndFencedOutput() {
        Map<String, Object> expected = Map.of("schema", Map.of("type", "object", "required", List.of("answer")));
        assertThat(score("json-schema", Map.of("allow_fenced", true), "Result:\n```json\n{\"answer\": 4}\n```",
                expected).passed()).isTrue();
        assertThat(score("json-schema", Map.of(), "{\"other\": 4}", expected).passed()).isFalse();
    }

    @Test
    void aCaseWithoutSchemaIsUndecided() {
        assertThat(score("json-schema", Map.of(), "{}").undecided()).isTrue();
    }

    @Test
    void aCaseWithAnUnusableSchemaIsUndecidedNotPassed() {
        Map<String, Object> expected = Map.of("schema", List.of("not", "a", "schema"));
        Score s = score("json-schema", Map.of(), "{}", expected);
        assertThat(s.undecided()).isTrue();
        assertThat(s.explanation()).contains("expected.schema");
    }

    @Test
    void parameterMistakesNameTheParameter() {
        assertThatThrownBy(() -> Scoring.scorer("valid-json", Map.of("allow_fence", true)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.allow_fence");
        assertThatThrownBy(() -> Scoring.scorer("json-schema", Map.of("schema", Map.of("type", 12))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.schema");
        assertThatThrownBy(() -> Scoring.scorer("json-schema", Map.of("schema_file", "/nonexistent/s.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("schema file not found");
    }
}
