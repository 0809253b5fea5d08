package dev.evalgate.judges;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExcerptTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'plain'                 | 10 | '"plain"'
            'line\\nbreak'          | 20 | '"line\\\\nbreak"'
            'say "hi"'              | 20 | '"say \\\\"hi\\\\""'
            'abcdefghij'            | 4  | '"abcd"… (10 chars)'
            """)
    void quotesAndCuts(String text, int max, String expected) {
        assertThat(Excerpt.of(text.replace("\\n", "\n"), max)).isEqualTo(expected.replace("\\\\", "\\"));
    }

    @org.junit.jupiter.api.Test
    void controlFormatAndLoneSurrogateCharactersAreEscapedAndEmojiAreNeverCut() {
        assertThat(Excerpt.of("a\u001b[31mb")).isEqualTo("\"a\\u001b[31mb\"");
        assertThat(Excerpt.of("x\u202ey")).isEqualTo("\"x\\u202ey\"");
        assertThat(Excerpt.of("x\ud800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(Excerpt.of("ok 😀")).isEqualTo("\"ok 😀\"");
        assertThat(Excerpt.of("ab😀", 3)).isEqualTo("\"ab\"… (4 chars)");
    }
}
