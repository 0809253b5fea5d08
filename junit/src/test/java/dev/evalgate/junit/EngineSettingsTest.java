package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.evalgate.models.ollama.OllamaSettings;
import dev.evalgate.models.openai.OpenAiSettings;

/**
 * The JUnit front end passes Ollama settings under the keys the Ollama backend reads; it cannot import them (the
 * engine module does not depend on the backends), so this test keeps the two spellings together.
 */
class EngineSettingsTest {
    @Test
    void ollamaSettingKeysAreTheBackendsOwn() {
        assertThat(EngineSettings.OLLAMA_URL_SETTING).isEqualTo(OllamaSettings.URL);
        assertThat(EngineSettings.OLLAMA_CONTAINER_SETTING).isEqualTo(OllamaSettings.CONTAINER);
        assertThat(EngineSettings.OLLAMA_CONCURRENCY_SETTING).isEqualTo(OllamaSettings.MAX_CONCURRENCY);
        assertThat(EngineSettings.OLLAMA_FALLBACK_SETTING).isEqualTo(OllamaSettings.FALLBACK);
        assertThat(EngineSettings.OLLAMA_WARM_UP_SETTING).isEqualTo(OllamaSettings.WARM_UP);
    }

    @Test
    void openAiSettingKeysAreTheBackendsOwn() {
        assertThat(EngineSettings.OPENAI_URL_SETTING).isEqualTo(OpenAiSettings.URL);
        assertThat(EngineSettings.OPENAI_KEY_ENV_SETTING).isEqualTo(OpenAiSettings.KEY_ENV);
        assertThat(EngineSettings.OPENAI_CONCURRENCY_SETTING).isEqualTo(OpenAiSettings.MAX_CONCURRENCY);
    }
}
