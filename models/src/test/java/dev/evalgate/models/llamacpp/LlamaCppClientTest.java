package dev.evalgate.models.llamacpp;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.models.SharedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generation with the real stories260K GGUF; the model is loaded once for the whole test JVM. */
class LlamaCppClientTest {
    @TempDir
    static Path cache;

    private static ModelClient client;

    @BeforeAll
    static void open() {
        client = new LlamaCppClientProvider().open(new ModelRef("llamacpp", SharedModel.stories260k().toString()),
                options(Map.of(LlamaCppSettings.CONTEXT_SIZE, "512")));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static BackendOptions options(Map<String, String> settings) {
        return new BackendOptions(Optional.empty(), Path.of("."), cache, settings);
    }

    private static ModelRequest request(String user, GenerationParams params, Duration timeout) {
        return new ModelRequest("", List.of(ChatMessage.user(user)), params, timeout, "t1");
    }

    @Test
    void generatesTextWithTokenCountsAndTimings() throws ModelCallException {
        Completion completion = client.complete(request("Once upon a time",
                new GenerationParams(0.0, 42, 24, 1.0), Duration.ofSeconds(60)));

        assertThat(completion.text()).isNotBlank();
        assertThat(completion.promptTokens()).isPositive();
        assertThat(completion.completionTokens()).isPositive().isLessThanOrEqualTo(24);
        assertThat(completion.latency()).isPositive();
        assertThat(completion.timeToFirstToken()).isNotNull().isPositive()
                .isLessThanOrEqualTo(completion.latency());
        assertThat(completion.finishReason()).isIn("length", "stop");
        System.out.printf("stories260K: %d prompt + %d completion tokens in %d ms (first token after %d ms): %s%n",
                completion.promptTokens(), completion.completionTokens(), completion.latency().toMillis(),
                completion.timeToFirstToken().toMillis(), completion.text().replace('\n', ' '));
    }

    @Test
    void aStopSequenceEndsTheOutputBeforeIt() throws ModelCallException {
        GenerationParams free = new GenerationParams(0.0, 7, 60, 1.0);
        String full = client.complete(request("Tom had a big red dog", free, Duration.ofSeconds(60))).text();
        // A word the model writes after its first few characters: stopping there must cut the output short.
        String word = Stream.of(full.split("\\s+")).filter(w -> w.length() >= 3 && full.indexOf(w) > 5).findFirst()
                .orElseThrow();
        GenerationParams stopping = new GenerationParams(0.0, 7, 60, 1.0, List.of(word));
        String stopped = client.complete(request("Tom had a big red dog", stopping, Duration.ofSeconds(60))).text();

        assertThat(stopped).doesNotContain(word);
        assertThat(full).startsWith(stopped);
        assertThat(stopped.length()).isLessThan(full.length());
    }

    @Test
    void sameSeedAtTemperatureZeroRepeatsItself() throws ModelCallException {
        GenerationParams params = new GenerationParams(0.0, 7, 40, 1.0);
        Completion first = client.complete(request("Tom had a big red dog", params, Duration.ofSeconds(60)));
        Completion second = client.complete(request("Tom had a big red dog", params, Duration.ofSeconds(60)));

        assertThat(second.text()).isEqualTo(first.text()).isNotBlank();
        assertThat(second.completionTokens()).isEqualTo(first.completionTokens());
    }

    @Test
    void seedSteersSamplingAboveTemperatureZero() throws ModelCallException {
        GenerationParams seven = new GenerationParams(0.9, 7, 40, 1.0);
        String a = client.complete(request("Tom had a big red dog", seven, Duration.ofSeconds(60))).text();
        String b = client.complete(request("Tom had a big red dog", seven, Duration.ofSeconds(60))).text();
        String c = client.complete(request("Tom had a big red dog", seven.withSeed(8), Duration.ofSeconds(60)))
                .text();

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void tinyTimeoutStopsGenerationAndReturnsFinishReasonTimeout() throws ModelCallException {
        GenerationParams params = new GenerationParams(0.0, 42, 200, 1.0);
        Completion full = client.complete(request("Once upon a time", params, Duration.ofSeconds(60)));
        Completion cut = client.complete(request("Once upon a time", params, Duration.ofNanos(1)));

        assertThat(cut.finishReason()).isEqualTo("timeout");
        assertThat(cut.completionTokens()).isLessThan(full.completionTokens());
        assertThat(full.text()).startsWith(cut.text());

        Completion after = client.complete(request("Once upon a time", params, Duration.ofSeconds(60)));
        assertThat(after.text()).as("the model still works after a cancelled generation").isEqualTo(full.text());
    }

    @Test
    void maxTokensCapsTheOutput() throws ModelCallException {
        Completion completion = client.complete(request("Once upon a time",
                new GenerationParams(0.0, 42, 5, 1.0), Duration.ofSeconds(60)));

        assertThat(completion.completionTokens()).isEqualTo(5);
        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void promptLongerThanTheContextFailsWithoutRetry() {
        String longPrompt = "the cat sat on the mat. ".repeat(300);

        assertThatThrownBy(() -> client.complete(request(longPrompt, GenerationParams.DEFAULTS,
                Duration.ofSeconds(60))))
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining("context")
                .hasMessageContaining(LlamaCppSettings.CONTEXT_SIZE)
                .satisfies(e -> assertThat(((ModelCallException) e).isTransient()).isFalse());
    }

    @Test
    void plainTextTemplateSendsTheTurnsAsTheyAre() throws ModelCallException {
        ModelClient plain = new LlamaCppClientProvider().open(
                new ModelRef("llamacpp", SharedModel.stories260k().toString()),
                options(Map.of(LlamaCppSettings.CONTEXT_SIZE, "512", LlamaCppSettings.CHAT_TEMPLATE, "none")));
        GenerationParams params = new GenerationParams(0.0, 42, 12, 1.0);

        Completion continued = plain.complete(request("Once upon a time", params, Duration.ofSeconds(60)));
        Completion chat = client.complete(request("Once upon a time", params, Duration.ofSeconds(60)));

        assertThat(continued.promptTokens()).as("no template tokens around the text").isEqualTo(4);
        assertThat(chat.promptTokens()).isGreaterThan(continued.promptTokens());
        assertThat(continued.text()).startsWith(",");
    }

    @Test
    void infoNamesBackendModelFingerprintAndSharesTheLoadedModel() throws Exception {
        assertThat(client.info().backend()).isEqualTo("llamacpp");
        assertThat(client.info().model()).isEqualTo(SharedModel.stories260k().toString());
        assertThat(client.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
        assertThat(client.maxConcurrency()).isEqualTo(1);
        assertThat(client.honoursSeed()).isTrue();

        ModelClient again = new LlamaCppClientProvider().open(
                new ModelRef("llamacpp", SharedModel.stories260k().toString()),
                options(Map.of(LlamaCppSettings.CONTEXT_SIZE, "512")));
        assertThat(again.info().loadMillis()).as("already loaded in this JVM").isZero();
        assertThat(again.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);

        try (Stream<Path> remembered = Files.list(cache.resolve("fingerprints"))) {
            assertThat(remembered.map(LlamaCppClientTest::read))
                    .anySatisfy(text -> assertThat(text).contains(SharedModel.STORIES_SHA256));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
