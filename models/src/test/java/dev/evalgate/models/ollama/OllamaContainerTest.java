package dev.evalgate.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.RunResult;

/**
 * A real suite and real chat calls against a real Ollama that Testcontainers starts, where Docker is available. The model is
 * {@code qwen2.5:0.5b} unless the system property {@code evalgate.ollama.testModel} names another; it is pulled
 * once into the {@value OllamaContainerServer#MODELS_VOLUME} volume and reused by later runs.
 */
class OllamaContainerTest {
    private static final String MODEL = System.getProperty("evalgate.ollama.testModel", "qwen2.5:0.5b");

    @BeforeEach
    void needsDocker() {
        Assumptions.assumeTrue(OllamaContainerServer.dockerAvailable(), "Docker is not available");
    }

    private static BackendOptions containerOptions() {
        return new BackendOptions(Optional.empty(), Path.of("."), Path.of("target"),
                Map.of(OllamaSettings.CONTAINER, "true"));
    }

    @TempDir
    Path tmp;

    @Test
    void runsASuiteEndToEndAgainstTheContainer() throws Exception {
        SupportSuite suite = new SupportSuite(tmp, MODEL, 48);
        RunResult result = suite.run(Map.of(OllamaSettings.CONTAINER, "true"), null);

        assertThat(result.results()).hasSize(suite.cases());
        assertThat(result.summary().errored()).isZero();
        assertThat(result.spec().model().backend()).isEqualTo("ollama");
        assertThat(result.spec().model().fingerprint()).isNotBlank();
        assertThat(result.summary().completionTokens()).isPositive();
        assertThat(result.results()).allSatisfy(r -> {
            assertThat(r.output()).isNotBlank();
            assertThat(r.stats().ttftMs()).isNotNull();
        });
    }

    @Test
    void answersRealChatCallsRepeatablyAndReusesTheContainer() throws Exception {
        OllamaClientProvider provider = new OllamaClientProvider();
        ModelRequest request = new ModelRequest("Answer with one word.", java.util.List.of(
                dev.evalgate.engine.ChatMessage.user("What colour is the sky on a clear day?")),
                new GenerationParams(0.0, 42, 16, 1.0), Duration.ofMinutes(5), "container-1");
        Completion first;
        Completion second;
        try (ModelClient client = provider.open(ModelRef.parse("ollama:" + MODEL), containerOptions())) {
            assertThat(client.info().backend()).isEqualTo("ollama");
            assertThat(client.info().fingerprint()).isNotBlank();
            first = client.complete(request);
            second = client.complete(request);
        }
        assertThat(first.text()).isNotBlank();
        assertThat(first.promptTokens()).isPositive();
        assertThat(first.completionTokens()).isBetween(1, 16);
        assertThat(first.timeToFirstToken()).isNotNull().isLessThanOrEqualTo(first.latency());
        assertThat(second.text()).as("temperature 0 with a seed repeats itself").isEqualTo(first.text());

        // A second open (another suite or test class) finds the same server and the model already there.
        try (ModelClient again = provider.open(ModelRef.parse("ollama:" + MODEL), containerOptions())) {
            assertThat(((OllamaModelClient) again).server())
                    .isEqualTo(OllamaContainerServer.shared(OllamaSettings.DEFAULT_IMAGE).url());
            assertThat(again.complete(request).text()).isEqualTo(first.text());
        }
    }
}
