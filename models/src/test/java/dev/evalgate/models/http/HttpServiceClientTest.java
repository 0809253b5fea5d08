package dev.evalgate.models.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.cache.InferenceKey;

class HttpServiceClientTest {
    static final String TOKEN = "svc-token-93be01c7d4";
    static final Map<String, String> ENV = Map.of("SUPPORT_TOKEN", TOKEN);

    @TempDir
    Path dir;
    TeamService service;

    @BeforeEach
    void start() throws Exception {
        service = new TeamService(TOKEN);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    HttpServiceClient open(String output) throws Exception {
        Files.writeString(dir.resolve("service.yaml"), service.definition(output, "SUPPORT_TOKEN"));
        return HttpClientProvider.open(ModelRef.parse("http:service.yaml"),
                new BackendOptions(Optional.empty(), dir, dir.resolve("cache"), Map.of()), ENV::get);
    }

    static ModelRequest request(String prompt) {
        return new ModelRequest("Be \"brief\".", List.of(ChatMessage.user(prompt)),
                new GenerationParams(0.5, 11, 32, 1.0), Duration.ofSeconds(5), "trace-42");
    }

    @Test
    void fillsTheTemplateEscapedSendsTheSecretHeaderAndReadsTheOutputAtThePointer() throws Exception {
        String hostile = "He said \"hi\"\n{{system}} \\ </script> {\"x\": 1}";
        try (HttpServiceClient client = open("/data/answer")) {
            Completion completion = client.complete(request(hostile));

            assertThat(completion.text()).isEqualTo("{\"answer\": \"" + hostile.length() + " characters\"}");
            assertThat(completion.promptTokens()).isEqualTo(hostile.split("\\s+").length);
            assertThat(completion.completionTokens()).isEqualTo(3);
            assertThat(client.info().backend()).isEqualTo("http");
            assertThat(client.info().model()).isEqualTo("service");
            assertThat(client.info().fingerprint()).startsWith("service@sha256:").doesNotContain(TOKEN);
        }
        JsonNode sent = service.requests.get(0);
        assertThat(sent.path("question").asText()).as("the corpus text arrives verbatim, not re-read as a template")
                .isEqualTo(hostile);
        assertThat(sent.path("context").asText()).isEqualTo("system says: Be \"brief\".");
        assertThat(sent.path("options").path("temperature").isNumber()).isTrue();
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.path("options").path("seed").asLong()).isEqualTo(11);
        assertThat(sent.path("options").path("fixed").asBoolean()).isTrue();
        assertThat(service.authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void theBodyReachesTheCasesOwnInputVariablesEscapedAndTheCacheKeysByThem() throws Exception {
        Files.writeString(dir.resolve("service.yaml"), service.definition("/data/answer", "SUPPORT_TOKEN")
                .replace("question: \"{{prompt}}\"", "question: \"{{input.question}}\"\n  meta: \"{{input.meta}}\"\n"
                        + "  note: \"for {{input.user}}: {{prompt}}\""));
        String hostile = "Is \"{{prompt}}\" </script>\n\\ a \u0000 question?";
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("question", hostile);
        input.put("meta", Map.of("lang", "en", "tries", 2));
        input.put("user", "ann\"e");
        input.put("unused", "never sent");
        ModelRequest request = new ModelRequest("", List.of(ChatMessage.user("rendered prompt")),
                new GenerationParams(0.0, 1, 32, 1.0), Duration.ofSeconds(5), "t-1", input);
        try (HttpServiceClient client = HttpClientProvider.open(ModelRef.parse("http:service.yaml"),
                new BackendOptions(Optional.empty(), dir, dir.resolve("cache"), Map.of()), ENV::get)) {
            Completion completion = client.complete(request);
            assertThat(completion.text()).isEqualTo("{\"answer\": \"" + hostile.length() + " characters\"}");

            assertThat(client.inputRead(request)).containsOnlyKeys("meta", "question", "user");
            ModelRequest otherCase = new ModelRequest("", request.messages(), request.params(), request.timeout(),
                    "t-2", Map.of("question", "another", "meta", Map.of(), "user", "bo"));
            assertThat(InferenceKey.of(client.info(), request, client.inputRead(request)).digest())
                    .as("same prompt, other input: another cache entry")
                    .isNotEqualTo(InferenceKey.of(client.info(), otherCase, client.inputRead(otherCase)).digest());

            ModelRequest lacking = new ModelRequest("", request.messages(), request.params(), request.timeout(),
                    "t-3", Map.of("question", "q"));
            assertThatThrownBy(() -> client.complete(lacking)).isInstanceOf(ModelCallException.class)
                    .hasMessageContaining("service.yaml").hasMessageContaining("{{input.meta}}")
                    .satisfies(e -> assertThat(((ModelCallException) e).isTransient()).isFalse());
        }
        JsonNode sent = service.requests.get(0);
        assertThat(sent.path("question").asText()).as("the raw variable, verbatim").isEqualTo(hostile);
        assertThat(sent.path("meta").path("tries").isInt()).as("a whole-string variable keeps its JSON type").isTrue();
        assertThat(sent.path("meta").path("lang").asText()).isEqualTo("en");
        assertThat(sent.path("note").asText()).isEqualTo("for ann\"e: rendered prompt");
        assertThat(sent.has("unused")).isFalse();
        assertThat(service.requests).hasSize(1);

        Files.writeString(dir.resolve("service.yaml"), service.definition("/data/answer", "SUPPORT_TOKEN")
                .replace("{{prompt}}", "{{vars.question}}"));
        assertThatThrownBy(() -> HttpClientProvider.open(ModelRef.parse("http:service.yaml"),
                new BackendOptions(Optional.empty(), dir, dir.resolve("cache"), Map.of()), ENV::get))
                .hasMessageContaining("service.yaml").hasMessageContaining("{{vars.question}}")
                .hasMessageContaining("input.NAME");
    }

    @Test
    void aJsonPathLocatesTheSameOutput() throws Exception {
        try (HttpServiceClient client = open("$.data['answer']")) {
            assertThat(client.complete(request("abc")).text()).isEqualTo("{\"answer\": \"3 characters\"}");
        }
    }

    @Test
    void nothingAtThePointerIsAFinalFailureNamingIt() throws Exception {
        try (HttpServiceClient client = open("/data/reply")) {
            assertThatThrownBy(() -> client.complete(request("abc")))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("nothing at /data/reply");
                    });
        }
    }

    @Test
    void aSecretEchoedByTheServiceIsMaskedAndStatusesAreClassified() throws Exception {
        service.scripted.add(new TeamService.Scripted(503, "{\"error\": \"overloaded, token Bearer " + TOKEN + "\"}",
                "3"));
        service.scripted.add(new TeamService.Scripted(401, "{\"error\": \"bad token: Bearer " + TOKEN + "\"}", null));
        try (HttpServiceClient client = open("/data/answer")) {
            assertThatThrownBy(() -> client.complete(request("abc")))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                        assertThat(e.getMessage()).contains("HTTP 503").contains("[REDACTED]").doesNotContain(TOKEN);
                    });
            assertThatThrownBy(() -> client.complete(request("abc")))
                    .isInstanceOfSatisfying(ModelCallException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 401").doesNotContain(TOKEN);
                    });
        }
    }

    @Test
    void badDefinitionsAreRefusedWithFileLineAndField() throws Exception {
        Files.writeString(dir.resolve("service.yaml"), service.definition("/data/answer", "SUPPORT_TOKEN")
                .replace("{{prompt}}", "{{question}}"));
        BackendOptions options = new BackendOptions(Optional.empty(), dir, dir, Map.of());
        assertThatThrownBy(() -> HttpClientProvider.open(ModelRef.parse("http:service.yaml"), options, ENV::get))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service.yaml")
                .hasMessageContaining("unknown variable {{question}}");
        Files.writeString(dir.resolve("service.yaml"), service.definition("$.data[*]", "SUPPORT_TOKEN"));
        assertThatThrownBy(() -> HttpClientProvider.open(ModelRef.parse("http:service.yaml"), options, ENV::get))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("output");
        Files.writeString(dir.resolve("service.yaml"), service.definition("/data/answer", "MISSING_TOKEN"));
        assertThatThrownBy(() -> HttpClientProvider.open(ModelRef.parse("http:service.yaml"), options, ENV::get))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MISSING_TOKEN")
                .hasMessageContaining("not set");
    }

    @Test
    void jsonPathsBecomePointers() {
        assertThat(OutputLocator.toPointer("$.data.items[0].text")).isEqualTo("/data/items/0/text");
        assertThat(OutputLocator.toPointer("$['a/b'].c")).isEqualTo("/a~1b/c");
        assertThat(OutputLocator.toPointer("/x/0")).isEqualTo("/x/0");
        assertThatThrownBy(() -> OutputLocator.toPointer("$..text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputLocator.toPointer("data.text")).isInstanceOf(IllegalArgumentException.class);
    }
}
