package dev.evalgate.judges.format.ifeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The port splits text exactly where NLTK 3.8's Punkt with the English {@code english.pickle} does. The expected
 * splits in {@code punkt-nltk-splits.jsonl} were produced by NLTK itself: the sentence lengths (in code points) of
 * every IFEval prompt, and the sentences of hand-written edge cases (lists, tags, ellipses, initials, quotes,
 * non-ASCII spaces).
 */
class PunktSentencesTest {

    private static List<Map<String, Object>> fixture() throws IOException {
        return NltkFixtures.rows("punkt-nltk-splits.jsonl");
    }

    @Test
    void splitsTheEdgeCasesAsNltkDoes() throws IOException {
        int cases = 0;
        for (Map<String, Object> row : fixture()) {
            if (row.containsKey("text")) {
                String text = (String) row.get("text");
                assertThat(PunktSentences.split(text)).as("sentences of %s", text).isEqualTo(row.get("sentences"));
                cases++;
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(29);
    }

    @Test
    void splitsEveryIfEvalPromptAsNltkDoes() throws IOException {
        Map<Integer, String> prompts = NltkFixtures.ifEvalPromptsByKey();
        int checked = 0;
        for (Map<String, Object> row : fixture()) {
            if (row.containsKey("ifeval_key")) {
                String prompt = prompts.get(((Number) row.get("ifeval_key")).intValue());
                List<Integer> lengths = PunktSentences.split(prompt).stream()
                        .map(s -> s.codePointCount(0, s.length())).toList();
                assertThat(lengths).as("sentence lengths of IFEval prompt %s", row.get("ifeval_key"))
                        .isEqualTo(row.get("sentence_lengths"));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(541);
    }

    @Test
    void numberedListsAndClosingTagsAreNotSplitAsTheRegexSplitterDoes() {
        assertThat(PunktSentences.count("1. First item\n2. Second item\n3. Third.")).isEqualTo(4);
        assertThat(PunktSentences.split("I am <b>bold.</b> Next sentence here."))
                .containsExactly("I am <b>bold.</b> Next sentence here.");
        assertThat(PunktSentences.count("")).isZero();
        assertThat(PunktSentences.count("   ")).isZero();
    }
}
