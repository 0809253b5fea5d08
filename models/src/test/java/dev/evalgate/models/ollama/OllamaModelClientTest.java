package dev.evalgate.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.SourceLocation;

class OllamaModelClientTest {
    private static final String MODEL = "qwen2.5:0.5b";
    private static final GenerationParams PARAMS = new GenerationParams(0.2, 7, 32, 0.9, List.of("\n\n"));

    private FakeOllamaServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ModelClient open(String model, Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put(OllamaSettings.URL, server.url().toString());
        BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), Path.of("target"), settings);
        return ModelClients.load().open(ModelRef.parse("ollama:" + model), options, SourceLocation.NONE);
    }

    private static ModelRequest request(String user, Duration timeout) {
        return new ModelRequest("You answer briefly.", List.of(ChatMessage.user(user)), PARAMS, timeout, "t-1");
    }

    @Test
    void chatsThroughTheServerAndReportsTokensLatencyAndTheModelDigest() throws Exception {
        server = new FakeOllamaServer(MODEL, "llama3.2:1b");
        server.answer = request -> "Paris is the capital of France.";
        try (ModelClient client = open(MODEL, Map.of())) {
            Completion completion = client.complete(request("What is the capital of France?", Duration.ofSeconds(10)));

            assertThat(completion.text()).isEqualTo("Paris is the capital of France.");
            assertThat(completion.completionTokens()).isEqualTo(6);
            assertThat(completion.promptTokens()).isEqualTo(3 + 6);
            assertThat(completion.finishReason()).isEqualTo("stop");
            assertThat(completion.cached()).isFalse();
            assertThat(completion.latency()).isPositive();
            assertThat(completion.timeToFirstToken()).isNotNull().isLessThanOrEqualTo(completion.latency());
            assertThat(client.info().backend()).isEqualTo("ollama");
            assertThat(client.info().model()).isEqualTo(MODEL);
            assertThat(client.info().fingerprint()).isEqualTo(FakeOllamaServer.digestOf(MODEL));
        }
        JsonNode sent = server.chatRequests().get(0);
        assertThat(sent.path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You answer briefly.");
        assertThat(sent.path("messages").get(1).path("role").asText()).isEqualTo("user");
        JsonNode options = sent.path("options");
        assertThat(options.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(options.path("seed").asLong()).isEqualTo(7);
        assertThat(options.path("num_predict").asInt()).isEqualTo(32);
        assertThat(options.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(options.path("stop").toString()).isEqualTo("[\"\\n\\n\"]");
    }

    @Test
    void openingLoadsTheModelUnlessNoCallIsExpected() throws Exception {
        server = new FakeOllamaServer(MODEL);
        try (ModelClient client = open(MODEL, Map.of())) {
            assertThat(server.loads.get()).isEqualTo(1);
            assertThat(client.info().loadMillis()).isNotNegative();
        }
        try (ModelClient client = open(MODEL, Map.of(OllamaSettings.WARM_UP, "false"))) {
            assertThat(server.loads.get()).isEqualTo(1);
            assertThat(client.info().fingerprint()).isEqualTo(FakeOllamaServer.digestOf(MODEL));
        }
    }

    @Test
    void aModelNamedWithoutTagMatchesItsLatestTag() throws Exception {
        server = new FakeOllamaServer("llama3.2:latest");
        try (ModelClient client = open("llama3.2", Map.of())) {
            assertThat(client.complete(request("hi", Duration.ofSeconds(10))).text()).isNotEmpty();
        }
    }

    @Test
    void timeToFirstTokenIsMeasuredFromTheStream() throws Exception {
        server = new FakeOllamaServer(MODEL);
        server.replies.add(FakeOllamaServer.streaming("Once upon a time there was a fox.", 400));
        try (ModelClient client = open(MODEL, Map.of())) {
            Completion completion = client.complete(request("Tell a story", Duration.ofSeconds(10)));

            assertThat(completion.text()).isEqualTo("Once upon a time there was a fox.");
            assertThat(completion.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(completion.timeToFirstToken()).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aCallThatOutlivesItsTimeoutFailsTransientlyAtTheDeadline() throws Exception {
        server = new FakeOllamaServer(MODEL);
        server.replies.add(FakeOllamaServer.silentFor(3_000));
        server.replies.add(FakeOllamaServer.streaming("first words, then a long stall", 3_000));
        try (ModelClient client = open(MODEL, Map.of())) {
            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> client.complete(request("slow", Duration.ofMillis(400))))
                        .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isTrue())
                        .hasMessageContaining("400 ms");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(tookMillis).as("gave up at the deadline, attempt %d", i).isBetween(350L, 1_500L);
            }
        }
    }

    @Test
    void serverErrorsAreTransientAndTheNextCallSucceeds() throws Exception {
        server = new FakeOllamaServer(MODEL);
        server.replies.add(FakeOllamaServer.status(500, "llama runner process has terminated"));
        server.replies.add(FakeOllamaServer.status(503, "server busy"));
        try (ModelClient client = open(MODEL, Map.of())) {
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("llama runner process has terminated");
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("HTTP 503");
            assertThat(client.complete(request("hi", Duration.ofSeconds(5))).text()).isNotEmpty();
        }
    }

    @Test
    void clientErrorsAreFinalAndSayWhatToDo() throws Exception {
        server = new FakeOllamaServer(MODEL);
        try (ModelClient client = open(MODEL, Map.of())) {
            server.models.clear(); // the model was removed from the server after the run started
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("404")
                    .hasMessageContaining("not found")
                    .hasMessageContaining("ollama pull " + MODEL);
            server.models.add(MODEL);
            server.replies.add(FakeOllamaServer.status(400, "invalid options"));
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("invalid options");
        }
    }

    @Test
    void aMalformedAnswerIsAFinalErrorThatShowsWhatCame() throws Exception {
        server = new FakeOllamaServer(MODEL);
        server.replies.add(FakeOllamaServer.raw("<html><body>Bad gateway</body></html>\n"));
        server.replies.add(FakeOllamaServer.raw("{\"message\":{\"role\":\"assistant\",\"content\":\"Hel"));
        try (ModelClient client = open(MODEL, Map.of())) {
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("not valid Ollama chat JSON")
                    .hasMessageContaining("line 1")
                    .hasMessageContaining("<html><body>Bad gateway");
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("not valid Ollama chat JSON");
            assertThat(client.complete(request("hi", Duration.ofSeconds(5))).text()).isNotEmpty();
        }
    }

    @Test
    void aStreamThatStopsBeforeDoneIsTransient() throws Exception {
        server = new FakeOllamaServer(MODEL);
        server.replies.add(FakeOllamaServer.raw(FakeOllamaServer.chunk(MODEL, "Hello") + "\n"));
        try (ModelClient client = open(MODEL, Map.of())) {
            assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("before saying it was done");
        }
    }

    @Test
    void aServerThatGoesAwayIsTransient() throws Exception {
        server = new FakeOllamaServer(MODEL);
        ModelClient client = open(MODEL, Map.of());
        server.close();
        assertThatThrownBy(() -> client.complete(request("hi", Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("cannot reach Ollama at " + server.url());
        server = null;
    }

    @Test
    void openingRefusesAModelTheServerHasNotPulled() throws Exception {
        server = new FakeOllamaServer("llama3.2:1b");
        assertThatThrownBy(() -> open(MODEL, Map.of()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("model " + MODEL + " not pulled on " + server.url())
                .hasMessageContaining("run `ollama pull " + MODEL + "`")
                .hasMessageContaining("llama3.2:1b");
        assertThat(server.pulled).isEmpty();
    }

    @Test
    void openingPullsAMissingModelWhenAskedTo() throws Exception {
        server = new FakeOllamaServer();
        try (ModelClient client = open(MODEL, Map.of(OllamaSettings.PULL, "true"))) {
            assertThat(server.pulled).containsExactly(MODEL);
            assertThat(client.info().fingerprint()).isEqualTo(FakeOllamaServer.digestOf(MODEL));
            assertThat(client.complete(request("hi", Duration.ofSeconds(5))).text()).isNotEmpty();
        }
    }

    @Test
    void openingAnUnreachableServerSaysHowToFixIt() throws Exception {
        server = new FakeOllamaServer(MODEL);
        String url = server.url().toString();
        server.close();
        server = null;
        BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), Path.of("target"),
                Map.of(OllamaSettings.URL, url));
        assertThatThrownBy(() -> new OllamaClientProvider().open(ModelRef.parse("ollama:" + MODEL), options))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("cannot reach Ollama at " + url)
                .hasMessageContaining("--ollama-url");
    }

    @Test
    void callsToOneServerNeverExceedItsConcurrencyBound() throws Exception {
        server = new FakeOllamaServer(MODEL);
        for (int i = 0; i < 8; i++) {
            server.replies.add(FakeOllamaServer.streaming("slow answer here", 150));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ModelClient client = open(MODEL, Map.of(OllamaSettings.MAX_CONCURRENCY, "2"))) {
            assertThat(client.maxConcurrency()).isEqualTo(2);
            List<Future<Completion>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> client.complete(request("hi", Duration.ofSeconds(20)))));
            }
            for (Future<Completion> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("slow answer here");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.maxInFlight.get()).isEqualTo(2);
    }
}
