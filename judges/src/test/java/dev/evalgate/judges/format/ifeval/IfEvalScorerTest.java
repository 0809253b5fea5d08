package dev.evalgate.judges.format.ifeval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.judges.Scoring;

import static org.assertj.core.api.Assertions.assertThat;

class IfEvalScorerTest {

    private static Map<String, Object> expected(String id, Map<String, Object> kwargs) {
        return Map.of("instruction_id_list", List.of(id), "kwargs", List.of(kwargs));
    }

    private static Score score(String mode, String output, Map<String, Object> expected) {
        return Scoring.scorer("ifeval", Map.of("mode", mode)).score(Scoring.context(output, expected));
    }

    /** Responses where the reference's strict and loose modes disagree: the wrapping loose mode forgives. */
    @ParameterizedTest(name = "[{index}] {0}: strict={3}, loose={4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            startend:quotation                     | ''                                               | 'Sure, here it is:\\n"Quoted."'            | false | true
            detectable_format:json_format          | ''                                               | 'Here you go:\\n{"a": 1}'                  | false | true
            startend:end_checker                   | 'end_phrase=Any other questions?'                | 'Thanks. **Any other questions?**'         | false | true
            startend:end_checker                   | 'end_phrase=Any other questions?'                | 'Thanks. Any other questions?\\nBye!'      | false | true
            detectable_format:constrained_response | ''                                               | 'My answer is *yes*.'                      | false | true
            startend:quotation                     | ''                                               | 'No quotes at all.'                        | false | false
            punctuation:no_comma                   | ''                                               | 'Plain text.'                              | true  | true
            """)
    void strictAndLooseDiffer(String id, String kwarg, String output, boolean strict, boolean loose) {
        Map<String, Object> kwargs = kwarg.isEmpty() ? Map.of()
                : Map.of(kwarg.substring(0, kwarg.indexOf('=')), kwarg.substring(kwarg.indexOf('=') + 1));
        String text = output.replace("\\n", "\n");
        assertThat(score("strict", text, expected(id, kwargs)).passed()).isEqualTo(strict);
        Score looseScore = score("loose", text, expected(id, kwargs));
        assertThat(looseScore.passed()).isEqualTo(loose);
        assertThat(looseScore.details()).containsEntry("prompt_level_strict", strict)
                .containsEntry("prompt_level_loose", loose);
    }

    @Test
    void promptAndInstructionLevelResultsAreInTheDetails() {
        Map<String, Object> expected = Map.of(
                "instruction_id_list", List.of("punctuation:no_comma", "length_constraints:number_words",
                        "detectable_format:title"),
                "kwargs", List.of(Map.of(), Map.of("num_words", 3, "relation", "at least"), Map.of()));
        Score s = score("strict", "Short, but long enough here", expected);
        assertThat(s.passed()).isFalse();
        assertThat(s.value()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.details()).containsEntry("instructions_total", 3).containsEntry("followed_strict", 1)
                .containsEntry("prompt_level_strict", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) s.details().get("instructions");
        assertThat(rows).extracting(r -> r.get("id")).containsExactly("punctuation:no_comma",
                "length_constraints:number_words", "detectable_format:title");
        assertThat(rows).extracting(r -> r.get("strict")).containsExactly(false, true, false);
        assertThat(s.explanation()).contains("1 of 3").contains("punctuation:no_comma");
    }

    @Test
    void badCaseDataIsUndecidedAndNamesTheInstruction() {
        Score unknown = score("strict", "x", expected("keywords:nonexistent", Map.of()));
        assertThat(unknown.undecided()).isTrue();
        assertThat(unknown.explanation()).contains("case-1").contains("keywords:nonexistent");
        Score badRelation = score("strict", "x", expected("length_constraints:number_words",
                Map.of("num_words", 3, "relation", "more than")));
        assertThat(badRelation.undecided()).isTrue();
        assertThat(badRelation.explanation()).contains("more than");
        Score extraKey = score("strict", "x", expected("punctuation:no_comma", Map.of("num_words", 3)));
        assertThat(extraKey.explanation()).contains("unknown argument 'num_words'");
        Score mismatch = score("strict", "x", Map.of("instruction_id_list", List.of("punctuation:no_comma"),
                "kwargs", List.of()));
        assertThat(mismatch.explanation()).contains("kwargs has 0 entries");
    }

    @Test
    void nullValuedKwargsAsInTheHuggingFaceCopyAreIgnored() {
        java.util.HashMap<String, Object> kwargs = new java.util.HashMap<>();
        kwargs.put("num_words", null);
        kwargs.put("language", null);
        assertThat(score("strict", "No commas.", expected("punctuation:no_comma", kwargs)).passed()).isTrue();
    }

    @Test
    void hugeOutputIsScored() {
        String big = "word ".repeat(220_000);
        Score s = score("loose", big, expected("length_constraints:number_words",
                Map.of("num_words", 200_000, "relation", "at least")));
        assertThat(s.passed()).isTrue();
    }

    @Test
    void everyRowOfTheIfEvalCorpusParses() throws IOException {
        String shared = System.getProperty("evalgate.shared.dir");
        assertThat(shared).as("system property evalgate.shared.dir must point at the shared directory"
                + " (surefire sets it from the root pom)").isNotNull();
        Path data = Path.of(shared, "corpora", "ifeval", "input_data.jsonl");
        assertThat(data).as("IFEval data expected at %s", data).exists();
        List<String> ids = Files.readAllLines(Path.of(shared, "corpora", "ifeval", "instruction_ids.txt"))
                .stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(InstructionCatalog.ids()).containsExactlyInAnyOrderElementsOf(ids);

        List<String> problems = new ArrayList<>();
        int rows = 0;
        int instructions = 0;
        for (String line : Files.readAllLines(data)) {
            if (line.isBlank()) {
                continue;
            }
            rows++;
            Map<String, Object> row = Json.MAPPER.readValue(line, new TypeReference<>() { });
            try {
                instructions += InstructionCatalog.buildAll(row.get("instruction_id_list"), row.get("kwargs")).size();
            } catch (IllegalArgumentException e) {
                problems.add("key " + row.get("key") + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(rows).isEqualTo(541);
        assertThat(instructions).isEqualTo(834);
    }
}
