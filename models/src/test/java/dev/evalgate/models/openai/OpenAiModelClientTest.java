package dev.evalgate.models.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelRequest;

class OpenAiModelClientTest {
    static final String KEY = "sk-test-4f1c9b2e7a0d55e1";
    FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer("tiny-chat", "other-model");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiSettings settings(Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(more);
        settings.put(OpenAiSettings.URL, server.url().toString());
        return OpenAiSettings.from(settings, name -> name.equals("OPENAI_API_KEY") ? KEY : null);
    }

    static ModelRequest request(Duration timeout) {
        return new ModelRequest("Answer briefly.", List.of(ChatMessage.user("Capital of France?")),
                new GenerationParams(0.2, 7, 32, 0.9, List.of("\n\n", "END")), timeout, "trace-1");
    }

    @Test
    void sendsTheDocumentedRequestAndReadsAWholeAnswer() throws Exception {
        server.answer = request -> "Paris is the capital.";
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat",
                settings(Map.of(OpenAiSettings.STREAM, "false")), Optional.empty())) {
            Completion completion = client.complete(request(Duration.ofSeconds(5)));

            assertThat(completion.text()).isEqualTo("Paris is the capital.");
            assertThat(completion.promptTokens()).isEqualTo(5);
            assertThat(completion.completionTokens()).isEqualTo(4);
            assertThat(completion.finishReason()).isEqualTo("stop");
            assertThat(completion.timeToFirstToken()).isNull();
        }
        JsonNode sent = server.chatRequests.get(0);
        assertThat(sent.path("model").asText()).isEqualTo("tiny-chat");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Capital of France?");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(32);
        assertThat(sent.path("seed").asLong()).isEqualTo(7);
        assertThat(sent.path("stop").toString()).isEqualTo("[\"\\n\\n\",\"END\"]");
        assertThat(sent.has("stream")).isFalse();
        assertThat(sent.has("response_format")).isFalse();
        assertThat(server.chatHeaders.get(0).get("Authorization")).containsExactly("Bearer " + KEY);
    }

    @Test
    void streamsWithTimeToFirstTokenAndUsageFromTheLastChunk() throws Exception {
        server.answer = request -> "Once upon a time there was a fox.";
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            Completion completion = client.complete(request(Duration.ofSeconds(5)));

            assertThat(completion.text()).isEqualTo("Once upon a time there was a fox.");
            assertThat(completion.completionTokens()).isEqualTo(8);
            assertThat(completion.promptTokens()).isEqualTo(5);
            assertThat(completion.timeToFirstToken()).isNotNull().isPositive()
                    .isLessThanOrEqualTo(completion.latency());
        }
        JsonNode sent = server.chatRequests.get(0);
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void fingerprintIsTheServedModelsEntryWithoutItsCreationTime() throws Exception {
        String first;
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            first = client.info().fingerprint();
        }
        Thread.sleep(1_100); // the listing's created field changes with the second
        try (OpenAiModelClient again = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty());
             OpenAiModelClient other = OpenAiClientProvider.open("other-model", settings(Map.of()), Optional.empty())) {
            assertThat(first).startsWith("tiny-chat@sha256:").isEqualTo(again.info().fingerprint())
                    .doesNotContain(KEY);
            assertThat(other.info().fingerprint()).startsWith("other-model@sha256:").isNotEqualTo(first);
            assertThat(again.info().backend()).isEqualTo("openai");
            assertThat(again.info().model()).isEqualTo("tiny-chat");
        }
    }

    @Test
    void fingerprintCarriesTheServerBuildItsResponsesReport() throws Exception {
        String first;
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            first = client.info().fingerprint();
        }
        assertThat(first).startsWith("tiny-chat@sha256:").endsWith("+system_fingerprint:fp_loopback");
        assertThat(server.probes.get()).isEqualTo(1);
        assertThat(server.chatCalls.get()).as("the probe takes no scripted reply").isZero();

        server.systemFingerprint = "b4567-2f1e9c0";
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThat(client.info().fingerprint()).isNotEqualTo(first)
                    .isEqualTo(first.replace("fp_loopback", "b4567-2f1e9c0"));
        }
        server.systemFingerprint = "build <script>alert(1)</script>";
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThat(client.info().fingerprint()).as("server text that is no build tag is hashed")
                    .matches("tiny-chat@sha256:[0-9a-f]{16}\\+system_fingerprint:sha256:[0-9a-f]{16}");
        }
        server.systemFingerprint = null;
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThat(client.info().fingerprint()).as("a server that reports no build keeps the listed identity")
                    .isEqualTo(first.substring(0, first.indexOf('+')));
        }
    }

    @Test
    void refusesAModelTheServerDoesNotListAndNamesThoseItDoes() {
        assertThatThrownBy(() -> OpenAiClientProvider.open("gpt-9", settings(Map.of()), Optional.empty()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("does not serve model 'gpt-9'")
                .hasMessageContaining("tiny-chat, other-model");
    }

    @Test
    void passesTheBundleSchemaAsResponseFormatAndKeysTheFingerprintByIt() throws Exception {
        JsonNode schema = FakeOpenAiServer.JSON.readTree("{\"type\":\"object\",\"required\":[\"answer\"]}");
        server.answer = request -> "{\"answer\": \"Paris\"}";
        String plain;
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            plain = client.info().fingerprint();
        }
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()),
                Optional.of(schema))) {
            assertThat(client.complete(request(Duration.ofSeconds(5))).text()).isEqualTo("{\"answer\": \"Paris\"}");
            assertThat(client.info().fingerprint()).startsWith(plain + "+response_format@sha256:");
        }
        JsonNode format = server.chatRequests.get(0).path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema")).isEqualTo(schema);
    }

    @Test
    void tooManyRequestsIsTransientAndCarriesRetryAfter() throws Exception {
        server.replies.add(FakeOpenAiServer.status(429, "Rate limit reached for requests", "2"));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                        assertThat(e.getMessage()).contains("HTTP 429").contains("Rate limit reached");
                    });
        }
    }

    @Test
    void serverErrorIsTransientAndTheNextCallSucceeds() throws Exception {
        server.replies.add(FakeOpenAiServer.status(500, "The server had an error", null));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.retryAfter()).isEmpty();
                    });
            assertThat(client.complete(request(Duration.ofSeconds(5))).text()).isEqualTo("Hello from the loopback server.");
        }
    }

    @Test
    void badRequestIsFinal() throws Exception {
        server.replies.add(FakeOpenAiServer.status(400, "max_tokens is too large", null));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 400").contains("max_tokens is too large");
                    });
        }
    }

    @Test
    void malformedJsonIsAFinalFailureNamingTheServer() throws Exception {
        server.replies.add(FakeOpenAiServer.raw("application/json", "{\"choices\": [ {\"message\": "));
        server.replies.add(FakeOpenAiServer.raw("text/event-stream", "data: {not json}\n\n"));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
                        .isInstanceOfSatisfying(ModelCallException.class, e -> {
                            assertThat(e.isTransient()).isFalse();
                            assertThat(e.getMessage()).contains("not valid chat-completions JSON")
                                    .contains(server.url().toString());
                        });
            }
        }
    }

    @Test
    void aStreamThatStallsHalfwayEndsAtTheCallTimeout() throws Exception {
        server.replies.add(FakeOpenAiServer.stallingAfterFirstChunk(10_000));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.complete(request(Duration.ofMillis(700))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).contains("timeout of 700 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anApiKeyEchoedByTheServerIsMaskedInTheMessage() throws Exception {
        server.replies.add(FakeOpenAiServer.status(401, "Incorrect API key provided: " + KEY, null));
        try (OpenAiModelClient client = OpenAiClientProvider.open("tiny-chat", settings(Map.of()), Optional.empty())) {
            assertThatThrownBy(() -> client.complete(request(Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).doesNotContain(KEY).contains("[REDACTED]")
                                .contains("--openai-key-env");
                    });
        }
    }

    @Test
    void theBundlesServerComesAfterTheFlagAndTheEnvironment() {
        Map<String, String> bundle = Map.of(dev.evalgate.engine.BackendOptions.OPENAI_URL, "http://bundle-host:8000/v1",
                dev.evalgate.engine.BackendOptions.OPENAI_KEY_ENV, "VLLM_KEY");
        java.util.function.Function<String, String> env = name -> name.equals("VLLM_KEY") ? "vllm-secret" : null;
        OpenAiSettings fromBundle = OpenAiSettings.from(bundle, env);
        assertThat(fromBundle.baseUrl()).hasToString("http://bundle-host:8000/v1");
        assertThat(fromBundle.apiKey()).contains("vllm-secret");
        assertThat(OpenAiSettings.from(bundle, name -> name.equals("OPENAI_BASE_URL") ? "http://env-host/v1"
                : env.apply(name)).baseUrl()).hasToString("http://env-host/v1");
        Map<String, String> withFlag = new java.util.HashMap<>(bundle);
        withFlag.put(OpenAiSettings.URL, "http://flag-host/v1");
        assertThat(OpenAiSettings.from(withFlag, env).baseUrl()).hasToString("http://flag-host/v1");
    }

    @Test
    void aKeyVariableNamedButUnsetIsAnInputErrorThatNamesTheVariable() {
        assertThatThrownBy(() -> OpenAiSettings.from(Map.of(OpenAiSettings.KEY_ENV, "GROQ_API_KEY"), name -> null))
                .hasMessageContaining("GROQ_API_KEY").hasMessageContaining("not set");
        assertThatThrownBy(() -> OpenAiSettings.from(Map.of(OpenAiSettings.URL, "http://user:pw@host/v1"), n -> null))
                .hasMessageContaining("credentials");
        assertThat(settings(Map.of()).toString()).doesNotContain(KEY);
    }
}
