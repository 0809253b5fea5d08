package dev.evalgate.judges.format.ifeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The port tokenizes as NLTK 3.8's {@code word_tokenize} does. {@code nltk-word-tokens.jsonl} was produced by NLTK
 * itself: the token and capital-word counts of every IFEval prompt, and the tokens of hand-written edge cases
 * (contractions, quotes, brackets, markdown emphasis, abbreviations).
 */
class NltkWordsTest {

    private static List<Map<String, Object>> fixture() throws IOException {
        return NltkFixtures.rows("nltk-word-tokens.jsonl");
    }

    @Test
    void tokenizesTheEdgeCasesAsNltkDoes() throws IOException {
        int cases = 0;
        for (Map<String, Object> row : fixture()) {
            if (row.containsKey("text")) {
                assertThat(NltkWords.tokenize((String) row.get("text"))).as("tokens of %s", row.get("text"))
                        .isEqualTo(row.get("tokens"));
                cases++;
            }
        }
        assertThat(cases).isEqualTo(11);
    }

    @Test
    void countsTheTokensAndCapitalWordsOfEveryIfEvalPromptAsNltkDoes() throws IOException {
        Map<Integer, String> prompts = NltkFixtures.ifEvalPromptsByKey();
        int checked = 0;
        for (Map<String, Object> row : fixture()) {
            if (row.containsKey("ifeval_key")) {
                List<String> tokens = NltkWords.tokenize(prompts.get(((Number) row.get("ifeval_key")).intValue()));
                assertThat(tokens).as("tokens of IFEval prompt %s", row.get("ifeval_key")).hasSize(
                        ((Number) row.get("tokens")).intValue());
                assertThat(tokens.stream().filter(OtherInstructions.CaseCheck::allUpper).count())
                        .as("capital words of IFEval prompt %s", row.get("ifeval_key"))
                        .isEqualTo(((Number) row.get("capital_words")).longValue());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(541);
    }

    @Test
    void contractionsAndAbbreviationsCountAsNltkSplitsThem() {
        assertThat(NltkWords.tokenize("I DON'T KNOW. THE U.S.A. IS BIG."))
                .containsExactly("I", "DO", "N'T", "KNOW", ".", "THE", "U.S.A.", "IS", "BIG", ".");
    }
}
