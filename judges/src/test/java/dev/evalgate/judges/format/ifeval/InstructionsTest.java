package dev.evalgate.judges.format.ifeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every IFEval instruction type with at least one followed and one not-followed response, hand-checked. */
class InstructionsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                row("keywords:existence", Map.of("keywords", List.of("ocean", "salt")),
                        "The Ocean tastes of SALT.", "The sea tastes of salt."),
                row("keywords:frequency", Map.of("keyword", "cat", "frequency", 2, "relation", "at least"),
                        "A cat sat. Another CAT ran.", "One cat only."),
                row("keywords:frequency", Map.of("keyword", "cat", "frequency", 2, "relation", "less than"),
                        "One cat only.", "A cat sat. Another cat ran."),
                row("keywords:forbidden_words", Map.of("forbidden_words", List.of("bad", "evil")),
                        "A badge of honour.", "Nothing is Evil here."),
                row("keywords:letter_frequency", Map.of("letter", "z", "let_frequency", 3, "let_relation", "at least"),
                        "Zig zag Zoo", "zig zag"),
                row("keywords:letter_frequency", Map.of("letter", "e", "let_frequency", 2, "let_relation", "less than"),
                        "a cat", "tree"),
                row("language:response_language", Map.of("language", "de"),
                        "Das ist ein kurzer Satz auf Deutsch, und er handelt von dem Wetter in der Stadt.",
                        "This is a short sentence in English about the weather in the city."),
                row("length_constraints:number_sentences", Map.of("num_sentences", 3, "relation", "less than"),
                        "One. Two.", "One. Two. Three."),
                row("length_constraints:number_sentences", Map.of("num_sentences", 2, "relation", "at least"),
                        "Dr. Who came. He left.", "Dr. Who came to the U.S.A. today."),
                row("length_constraints:number_paragraphs", Map.of("num_paragraphs", 2),
                        "First paragraph.\n***\nSecond paragraph.", "First.\n***\n***\nSecond."),
                row("length_constraints:number_words", Map.of("num_words", 5, "relation", "at least"),
                        "one two three four five", "one two three four"),
                row("length_constraints:number_words", Map.of("num_words", 3, "relation", "less than"),
                        "two words", "exactly three words"),
                row("length_constraints:nth_paragraph_first_word",
                        Map.of("num_paragraphs", 2, "nth_paragraph", 2, "first_word", "Then"),
                        "Intro here.\n\n\"Then, the end.", "Intro here.\n\nAfter that, the end."),
                row("detectable_content:number_placeholders", Map.of("num_placeholders", 2),
                        "Dear [name], at [address].", "Dear [name]."),
                row("detectable_content:postscript", Map.of("postscript_marker", "P.S."),
                        "Thanks.\n\nP.S. See you soon.", "Thanks. See you soon."),
                row("detectable_content:postscript", Map.of("postscript_marker", "P.P.S"),
                        "Bye.\np.p.s remember", "Bye.\nP.S. remember"),
                row("detectable_format:number_bullet_lists", Map.of("num_bullets", 2),
                        "* one\n* two", "* one\n* two\n- three"),
                row("detectable_format:constrained_response", Map.of(),
                        "My answer is maybe.", "My answer is perhaps."),
                row("detectable_format:number_highlighted_sections", Map.of("num_highlights", 2),
                        "*first* and **second**", "*first* and ** **"),
                row("detectable_format:multiple_sections", Map.of("section_spliter", "SECTION", "num_sections", 2),
                        "SECTION 1\nfoo\nSECTION 2\nbar", "SECTION 1\nfoo\nSECTION\nbar"),
                row("detectable_format:json_format", Map.of(),
                        "```json\n{\"a\": [1, 2]}\n```", "{\"a\": [1, 2]"),
                row("detectable_format:title", Map.of(),
                        "<<My Title>>\nbody", "<< >>\nbody"),
                row("combination:two_responses", Map.of(),
                        "Answer one.\n******\nAnswer two.", "Same.\n******\nSame."),
                row("combination:repeat_prompt", Map.of("prompt_to_repeat", "Write a poem."),
                        "write a poem. Roses are red.", "Here is a poem: Write a poem."),
                row("startend:end_checker", Map.of("end_phrase", "Is there anything else I can help with?"),
                        "Done. Is there anything else I can help with?\"", "Is there anything else I can help with? Ok."),
                row("startend:quotation", Map.of(),
                        "\"Quoted answer.\"", "\"Quoted answer."),
                row("change_case:capital_word_frequency", Map.of("capital_frequency", 2, "capital_relation", "at least"),
                        "This is VERY IMPORTANT.", "This is Very Important."),
                row("change_case:capital_word_frequency", Map.of("capital_frequency", 2, "capital_relation", "less than"),
                        "Only ONE shout.", "TWO SHOUTS here."),
                row("change_case:english_capital", Map.of(),
                        "THIS ANSWER IS WRITTEN IN CAPITAL LETTERS FROM THE START TO THE END OF THE TEXT.",
                        "THIS ANSWER IS WRITTEN in capital letters mostly."),
                row("change_case:english_lowercase", Map.of(),
                        "this answer is written in lowercase letters from the start to the end of the text.",
                        "this answer is written in lowercase letters except for Paris."),
                row("punctuation:no_comma", Map.of(),
                        "No commas here.", "One, comma."));
    }

    private static Arguments row(String id, Map<String, Object> kwargs, String followed, String notFollowed) {
        return Arguments.of(id, kwargs, followed, notFollowed);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void followedAndNotFollowed(String id, Map<String, Object> kwargs, String followed, String notFollowed) {
        Instruction instruction = InstructionCatalog.build(id, kwargs);
        assertThat(instruction.id()).isEqualTo(id);
        assertThat(instruction.followed(followed)).as("followed: %s", followed).isTrue();
        assertThat(instruction.followed(notFollowed)).as("not followed: %s", notFollowed).isFalse();
    }

    @Test
    void everyInstructionTypeIsCoveredByTheTable() {
        List<String> covered = cases().map(a -> (String) a.get()[0]).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(InstructionCatalog.ids());
        assertThat(InstructionCatalog.ids()).hasSize(25);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            ru | Это короткое предложение на русском языке о погоде в нашем городе сегодня.
            ko | 이것은 오늘 우리 도시의 날씨에 관한 한국어로 된 짧은 문장입니다.
            hi | यह आज हमारे शहर के मौसम के बारे में हिंदी में लिखा गया एक छोटा वाक्य है।
            ar | هذه جملة قصيرة باللغة العربية عن الطقس في مدينتنا اليوم.
            th | นี่คือประโยคสั้นๆ ภาษาไทยเกี่ยวกับสภาพอากาศในเมืองของเราวันนี้
            fi | Tämä on lyhyt suomenkielinen lause kaupunkimme säästä tänään.
            pt | Esta é uma frase curta em português sobre o tempo na nossa cidade hoje.
            """)
    void responseLanguageAcrossScripts(String language, String text) {
        assertThat(InstructionCatalog.build("language:response_language", Map.of("language", language))
                .followed(text)).isTrue();
        assertThat(InstructionCatalog.build("language:response_language", Map.of("language", "en"))
                .followed(text)).isFalse();
    }

    @Test
    void textWithoutLettersCountsAsFollowedLikeTheReference() {
        assertThat(InstructionCatalog.build("language:response_language", Map.of("language", "de"))
                .followed("12345 !!! 678")).isTrue();
    }

    @Test
    void emptyResponseFollowsNothingInStrictMode() {
        List<IfEvalScorer.InstructionResult> results = IfEvalScorer.check(
                List.of(InstructionCatalog.build("punctuation:no_comma", Map.of())), "   ");
        assertThat(results.get(0).strict()).isFalse();
        assertThat(results.get(0).loose()).isFalse();
    }

    @Test
    void unicodeWordsAndSentencesAreCounted() {
        Instruction words = InstructionCatalog.build("length_constraints:number_words",
                Map.of("num_words", 4, "relation", "at least"));
        assertThat(words.followed("Ünïcödé wörds çount fine")).isTrue();
        assertThat(words.followed("日本語 です")).isFalse();
    }

    @Test
    void sentenceSplitterKeepsTitlesDecimalsAndWebsitesTogether() {
        assertThat(dev.evalgate.judges.format.TextCounts.splitSentences(
                "Mr. Smith paid 3.50 dollars at shop.com yesterday. Was it worth it? Yes!"))
                .containsExactly("Mr. Smith paid 3.50 dollars at shop.com yesterday.", "Was it worth it?", "Yes!");
    }
}
