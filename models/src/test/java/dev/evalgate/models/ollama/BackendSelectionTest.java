package dev.evalgate.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;

/** Which engine serves a bundle that names an Ollama model. */
class BackendSelectionTest {

    private static Path sharedModel() {
        String shared = System.getProperty("evalgate.shared.dir");
        assertThat(shared).as("system property evalgate.shared.dir (set by surefire in the root pom)").isNotNull();
        Path model = Path.of(shared, "models", "stories260K.gguf");
        assertThat(Files.isRegularFile(model)).as("shared test model %s", model).isTrue();
        return model;
    }

    private static String deadUrl() throws Exception {
        FakeOllamaServer gone = new FakeOllamaServer();
        String url = gone.url().toString();
        gone.close();
        return url;
    }

    private static BackendOptions options(Optional<Path> override, Map<String, String> settings) {
        return new BackendOptions(override, Path.of("."), Path.of("target", "selection-cache"), settings);
    }

    @Test
    void autoUsesAReachableOllama() throws Exception {
        try (FakeOllamaServer server = new FakeOllamaServer("qwen2.5:0.5b");
             ModelClient client = new OllamaClientProvider().open(ModelRef.parse("ollama:qwen2.5:0.5b"),
                     options(Optional.empty(), Map.of(OllamaSettings.URL, server.url().toString(),
                             OllamaSettings.FALLBACK, "embedded")))) {
            assertThat(client.info().backend()).isEqualTo("ollama");
        }
    }

    @Test
    void autoFallsBackToTheEmbeddedEngineWhenNoServerAnswers() throws Exception {
        Map<String, String> settings = Map.of(OllamaSettings.URL, deadUrl(), OllamaSettings.FALLBACK, "embedded");
        try (ModelClient client = new OllamaClientProvider().open(ModelRef.parse("ollama:qwen2.5:0.5b"),
                options(Optional.of(sharedModel()), settings))) {
            assertThat(client.info().backend()).isEqualTo("llamacpp");
            assertThat(client.info().fingerprint())
                    .contains("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");
            assertThat(client.complete(ModelRequest.of("", "Once upon a time", new GenerationParams(0, 42, 8, 1.0)))
                    .text()).isNotEmpty();
        }
    }

    @Test
    void withoutAutoAnUnreachableServerIsAnError() throws Exception {
        String url = deadUrl();
        assertThatThrownBy(() -> new OllamaClientProvider().open(ModelRef.parse("ollama:qwen2.5:0.5b"),
                options(Optional.empty(), Map.of(OllamaSettings.URL, url))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("cannot reach Ollama at " + url);
    }

    @Test
    void autoSaysWhatToDoWhenTheEmbeddedEngineHasNoSuchModel() throws Exception {
        String url = deadUrl();
        assertThatThrownBy(() -> new OllamaClientProvider().open(ModelRef.parse("ollama:mystery:70b"),
                options(Optional.empty(), Map.of(OllamaSettings.URL, url, OllamaSettings.FALLBACK, "embedded"))))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("no Ollama server answers at " + url)
                .hasMessageContaining("--model PATH");
    }

    @Test
    void ollamaTagsMapToTheEmbeddedCatalogsSameWeights() {
        assertThat(EmbeddedFallback.catalogEquivalent("qwen2.5:0.5b")).contains("qwen2.5-0.5b-instruct");
        assertThat(EmbeddedFallback.catalogEquivalent("smollm2:360m")).contains("smollm2-360m-instruct");
        assertThat(EmbeddedFallback.catalogEquivalent("llama3.2")).isEmpty();
    }
}
