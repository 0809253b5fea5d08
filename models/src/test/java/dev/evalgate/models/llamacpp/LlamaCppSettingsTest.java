package dev.evalgate.models.llamacpp;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.models.llamacpp.LlamaCppSettings.ChatTemplate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlamaCppSettingsTest {
    @Test
    void defaultsLeaveContextToTheModelAndUseEveryCore() {
        LlamaCppSettings settings = LlamaCppSettings.from(Map.of(), Map.of());

        assertThat(settings.contextSize()).isEmpty();
        assertThat(settings.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.chatTemplate()).isEqualTo(ChatTemplate.MODEL);
        assertThat(settings.mirror()).isEmpty();
        assertThat(settings.allowUnpinned()).isFalse();
        assertThat(settings.nativeLog()).as("llama.cpp's own log is off unless asked for").isFalse();
    }

    @Test
    void settingsAreParsedAndWinOverTheEnvironment() {
        LlamaCppSettings settings = LlamaCppSettings.from(
                Map.of(LlamaCppSettings.CONTEXT_SIZE, "512", LlamaCppSettings.THREADS, "3",
                        LlamaCppSettings.CHAT_TEMPLATE, "none", LlamaCppSettings.MIRROR, "https://models.example/gguf",
                        LlamaCppSettings.ALLOW_UNPINNED, "false", LlamaCppSettings.NATIVE_LOG, "true"),
                Map.of("EVALGATE_MODEL_MIRROR", "https://elsewhere.example", "EVALGATE_ALLOW_UNPINNED_MODELS",
                        "true"));

        assertThat(settings.contextSize()).hasValue(512);
        assertThat(settings.threads()).isEqualTo(3);
        assertThat(settings.chatTemplate()).isEqualTo(ChatTemplate.NONE);
        assertThat(settings.mirror()).contains(URI.create("https://models.example/gguf"));
        assertThat(settings.allowUnpinned()).isFalse();
        assertThat(settings.nativeLog()).isTrue();
    }

    @Test
    void environmentSuppliesMirrorAndOptIn() {
        LlamaCppSettings settings = LlamaCppSettings.from(Map.of(),
                Map.of("EVALGATE_MODEL_MIRROR", "http://mirror.internal/models", "EVALGATE_ALLOW_UNPINNED_MODELS",
                        "true"));

        assertThat(settings.mirror()).contains(URI.create("http://mirror.internal/models"));
        assertThat(settings.allowUnpinned()).isTrue();
    }

    @Test
    void badValuesNameTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> LlamaCppSettings.from(Map.of(LlamaCppSettings.CONTEXT_SIZE, "lots"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(LlamaCppSettings.CONTEXT_SIZE))
                .hasMessageContaining("whole number from 16")
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> LlamaCppSettings.from(Map.of(LlamaCppSettings.CHAT_TEMPLATE, "jinja"), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'model'");
        assertThatThrownBy(() -> LlamaCppSettings.from(Map.of(), Map.of("EVALGATE_MODEL_MIRROR", "ftp://x")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("EVALGATE_MODEL_MIRROR"));
        assertThatThrownBy(() -> LlamaCppSettings.from(Map.of(LlamaCppSettings.ALLOW_UNPINNED, "maybe"), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("true or false");
    }

    @Test
    void seedsAreFoldedIntoLlamaCppsRangeWithoutTouchingOrdinaryOnes() {
        assertThat(LlamaCppClient.llamaSeed(42)).isEqualTo(42);
        assertThat(LlamaCppClient.llamaSeed(0)).isZero();
        assertThat(LlamaCppClient.llamaSeed(-1)).isNotNegative();
        assertThat(LlamaCppClient.llamaSeed(Long.MAX_VALUE)).isNotNegative();
    }
}
