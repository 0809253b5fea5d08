package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;

class SettingValuesTest {
    @Test
    void aPositiveNumberIsAWholeNumberOfAtLeastOne() {
        assertThat(SettingValues.positive("ollama.max_concurrency", " 4 ")).contains(4);
        assertThat(SettingValues.positive("ollama.max_concurrency", null)).isEmpty();
        assertThat(SettingValues.positive("ollama.max_concurrency", "  ")).isEmpty();
        for (String bad : new String[] {"0", "-2", "2.5", "four"}) {
            assertThatThrownBy(() -> SettingValues.positive("ollama.max_concurrency", bad))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("ollama.max_concurrency")
                    .hasMessageContaining("must be a whole number of at least 1, was '" + bad + "'");
        }
    }

    @Test
    void aFlagTakesTheUsualWordsForYesAndNo() {
        for (String yes : new String[] {"true", "YES", " 1 "}) {
            assertThat(SettingValues.flag("openai.stream", yes)).contains(true);
        }
        for (String no : new String[] {"false", "No", "0"}) {
            assertThat(SettingValues.flag("openai.stream", no)).contains(false);
        }
        assertThat(SettingValues.flag("openai.stream", "")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> SettingValues.flag("openai.stream", "maybe"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("openai.stream").hasMessageContaining("must be true or false, was 'maybe'");
    }
}
