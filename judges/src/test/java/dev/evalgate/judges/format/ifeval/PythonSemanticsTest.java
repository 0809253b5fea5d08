package dev.evalgate.judges.format.ifeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The checkers read text the way the reference's Python does, where Java's defaults differ. Each expectation is what
 * the reference's own line answers on the same input.
 */
class PythonSemanticsTest {

    private static boolean followed(String id, Map<String, Object> kwargs, String response) {
        return InstructionCatalog.build(id, kwargs).followed(response);
    }

    @Test
    void wordsSplitAtCombiningMarksAsPythonsWordCharacterDoes() {
        // re.findall(r"\w+", ...) finds 13 words here: Python's \w has no combining vowel signs.
        String hindi = "यह आज हमारे शहर के मौसम के बारे में है";
        String id = "length_constraints:number_words";
        assertThat(followed(id, Map.of("num_words", 13, "relation", "at least"), hindi)).isTrue();
        assertThat(followed(id, Map.of("num_words", 14, "relation", "at least"), hindi)).isFalse();
    }

    @Test
    void stripRemovesNoBreakSpacesAsPythonDoes() {
        assertThat(followed("startend:quotation", Map.of(), "\u00a0\"Quoted.\"\u00a0")).isTrue();
        assertThat(PyText.strip("\u00a0\u2007 x \u202f\u3000")).isEqualTo("x");
        assertThat(PyText.split("a\u00a0b  c")).containsExactly("a", "b", "c");
    }

    @Test
    void onlyLineFeedsEndLinesAsInPythonsRe() {
        assertThat(followed("detectable_format:number_bullet_lists", Map.of("num_bullets", 1), "* one\r* two"))
                .isTrue();
        assertThat(followed("detectable_format:number_bullet_lists", Map.of("num_bullets", 1), "* one\u2028* two"))
                .isTrue();
        assertThat(followed("detectable_content:number_placeholders", Map.of("num_placeholders", 1), "[a\rb]"))
                .isTrue();
    }

    @Test
    void jsonFencesAreRemovedPrefixByPrefixAndNanIsJson() {
        assertThat(followed("detectable_format:json_format", Map.of(), "```json```{}```")).isTrue();
        assertThat(followed("detectable_format:json_format", Map.of(), "{\"a\": NaN, \"b\": -Infinity}")).isTrue();
        assertThat(followed("detectable_format:json_format", Map.of(), "{\"a\": 1,}")).isFalse();
    }

    @Test
    void keywordAndMarkersAreStrippedAsTheReferenceStripsThem() {
        assertThat(followed("keywords:frequency", Map.of("keyword", " cat ", "frequency", 2, "relation", "at least"),
                "cat,cat")).isTrue();
        assertThat(followed("detectable_content:postscript", Map.of("postscript_marker", " P.S. "),
                "Bye.\nP.S. later")).isTrue();
    }
}
