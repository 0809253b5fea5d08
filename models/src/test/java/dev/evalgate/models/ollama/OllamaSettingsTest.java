package dev.evalgate.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;

class OllamaSettingsTest {

    private static OllamaSettings parse(Map<String, String> settings, String ollamaHost) {
        return OllamaSettings.from(settings, name -> name.equals(OllamaSettings.HOST_ENV) ? ollamaHost : null);
    }

    @Test
    void theUrlComesFromTheSettingThenOllamaHostThenTheDefault() {
        assertThat(parse(Map.of(OllamaSettings.URL, "http://gpu-box:11434"), "other:1").url())
                .isEqualTo(URI.create("http://gpu-box:11434"));
        assertThat(parse(Map.of(), "http://other:8080").url()).isEqualTo(URI.create("http://other:8080"));
        assertThat(parse(Map.of(), null).url()).isEqualTo(URI.create("http://localhost:11434"));
    }

    @Test
    void ollamaHostIsReadTheWayOllamaWritesIt() {
        assertThat(parse(Map.of(), "0.0.0.0").url()).isEqualTo(URI.create("http://localhost:11434"));
        assertThat(parse(Map.of(), "0.0.0.0:11500").url()).isEqualTo(URI.create("http://localhost:11500"));
        assertThat(parse(Map.of(), "gpu-box").url()).isEqualTo(URI.create("http://gpu-box:11434"));
        assertThat(parse(Map.of(), "https://ollama.example.com/").url())
                .isEqualTo(URI.create("https://ollama.example.com:443"));
        assertThat(parse(Map.of(), "http://proxy.local/ollama/").url())
                .isEqualTo(URI.create("http://proxy.local:80/ollama"));
    }

    @Test
    void aContainerPullsMissingModelsAndAUsersServerDoesNotUnlessAsked() {
        OllamaSettings user = parse(Map.of(), null);
        assertThat(user.container()).isFalse();
        assertThat(user.pullMissing()).isFalse();
        assertThat(user.maxConcurrency()).isEqualTo(OllamaSettings.DEFAULT_MAX_CONCURRENCY);
        OllamaSettings container = parse(Map.of(OllamaSettings.CONTAINER, "true"), null);
        assertThat(container.container()).isTrue();
        assertThat(container.pullMissing()).isTrue();
        assertThat(container.image()).isEqualTo(OllamaSettings.DEFAULT_IMAGE);
        assertThat(parse(Map.of(OllamaSettings.PULL, "yes"), null).pullMissing()).isTrue();
    }

    @Test
    void badValuesNameTheSettingAndSayWhatIsExpected() {
        assertThatThrownBy(() -> parse(Map.of(OllamaSettings.URL, "ftp://host"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(OllamaSettings.URL).hasMessageContaining("http");
        assertThatThrownBy(() -> parse(Map.of(), "http://bad host"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(OllamaSettings.HOST_ENV);
        assertThatThrownBy(() -> parse(Map.of(OllamaSettings.MAX_CONCURRENCY, "0"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(OllamaSettings.MAX_CONCURRENCY).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parse(Map.of(OllamaSettings.CONTAINER, "maybe"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(OllamaSettings.CONTAINER).hasMessageContaining("true or false");
    }
}
