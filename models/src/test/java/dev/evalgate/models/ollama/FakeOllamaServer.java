package dev.evalgate.models.ollama;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that speaks the parts of the Ollama API the backend uses: {@code GET /api/tags},
 * {@code POST /api/pull} (NDJSON progress), {@code POST /api/show} and {@code POST /api/chat} (NDJSON stream, or a
 * load answer for a request without messages). Each chat call takes the next scripted {@link Reply}, or the
 * default answer when none is queued.
 */
final class FakeOllamaServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does for one chat call. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException;
    }

    final List<String> models = new CopyOnWriteArrayList<>();
    final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    final List<String> pulled = new CopyOnWriteArrayList<>();
    /** Digests that replace the default one of a model, as after {@code ollama pull} fetched new weights. */
    final Map<String, String> digests = new ConcurrentHashMap<>();
    final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile Function<JsonNode, String> answer = request -> "Hello from the fake Ollama.";
    /** A reply chosen by the request's content, consulted before the queue; null means "no special reply". */
    volatile Function<JsonNode, Reply> replyFor = request -> null;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeOllamaServer(String... models) throws IOException {
        this.models.addAll(List.of(models));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/tags", this::tags);
        server.createContext("/api/pull", this::pull);
        server.createContext("/api/show", this::show);
        server.createContext("/api/chat", this::chat);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String digestOf(String model) {
        return String.format("%064x", Math.abs((long) model.hashCode()));
    }

    private void tags(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String model : models) {
            list.add(Map.of("name", model, "model", model, "digest", digests.getOrDefault(model, digestOf(model)), "size", 397_821_319,
                    "modified_at", "2026-11-20T10:00:00.000000000Z",
                    "details", Map.of("family", "qwen2", "parameter_size", "494.03M", "quantization_level", "Q4_K_M")));
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("models", list)));
    }

    private void show(HttpExchange exchange) throws IOException {
        String model = modelOf(JSON.readTree(exchange.getRequestBody()));
        if (!models.contains(model)) {
            respond(exchange, 404, "{\"error\":\"model '" + model + "' not found\"}");
            return;
        }
        respond(exchange, 200, "{\"modelfile\":\"FROM " + model + "\",\"details\":{\"family\":\"qwen2\"}}");
    }

    private void pull(HttpExchange exchange) throws IOException {
        String model = modelOf(JSON.readTree(exchange.getRequestBody()));
        pulled.add(model);
        models.add(model);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String status : List.of("pulling manifest", "verifying sha256 digest", "writing manifest",
                    "success")) {
                out.write(("{\"status\":\"" + status + "\"}\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String model = request.path("model").asText();
            if (request.path("messages").isEmpty()) {
                loads.incrementAndGet();
                respond(exchange, 200, "{\"model\":\"" + model + "\",\"created_at\":\"2026-11-25T10:00:00Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"load\",\"done\":true}\n");
                return;
            }
            chatRequests.add(request);
            if (!has(model)) {
                respond(exchange, 404, "{\"error\":\"model '" + model + "' not found, try pulling it first\"}");
                return;
            }
            Reply reply = replyFor.apply(request);
            if (reply == null) {
                reply = replies.poll();
            }
            (reply != null ? reply : streaming(answer.apply(request), 0)).send(exchange, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client hung up (a timeout test); nothing to answer.
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    /** Ollama takes the model as {@code model}, or as the older {@code name} that Ollama4j's model API sends. */
    private static String modelOf(JsonNode request) {
        return request.hasNonNull("model") ? request.path("model").asText() : request.path("name").asText();
    }

    /** Ollama resolves a name without a tag to its {@code latest} tag. */
    private boolean has(String model) {
        return models.contains(model) || !model.contains(":") && models.contains(model + ":latest");
    }

    /** Streams the text word by word as Ollama does, pausing {@code pauseMillis} after the first chunk. */
    static Reply streaming(String text, long pauseMillis) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String model = request.path("model").asText();
            List<String> pieces = new ArrayList<>();
            for (String word : text.split("(?<= )")) {
                pieces.add(word);
            }
            for (int i = 0; i < pieces.size(); i++) {
                out.write((chunk(model, pieces.get(i)) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i == 0 && pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            out.write(("{\"model\":\"" + model + "\",\"created_at\":\"2026-11-25T10:00:00Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":"
                    + "123456789,\"prompt_eval_count\":" + promptTokens(request) + ",\"eval_count\":" + pieces.size()
                    + "}\n").getBytes(StandardCharsets.UTF_8));
            out.close();
        };
    }

    /** An HTTP error with Ollama's error body. */
    static Reply status(int code, String error) {
        return (exchange, request) -> respond(exchange, code, "{\"error\":\"" + error + "\"}");
    }

    /** Waits before sending anything at all. */
    static Reply silentFor(long millis) {
        return (exchange, request) -> {
            Thread.sleep(millis);
            streaming("too late", 0).send(exchange, request);
        };
    }

    /** Sends a 200 whose body is not Ollama's JSON. */
    static Reply raw(String body) {
        return (exchange, request) -> respond(exchange, 200, body);
    }

    static String chunk(String model, String content) throws IOException {
        return JSON.writeValueAsString(Map.of("model", model, "created_at", "2026-11-25T10:00:00Z",
                "message", Map.of("role", "assistant", "content", content), "done", false));
    }

    /** A stand-in for tokenization: one token per word of every message. */
    static int promptTokens(JsonNode request) {
        int words = 0;
        for (JsonNode message : request.path("messages")) {
            words += message.path("content").asText().split("\\s+").length;
        }
        return words;
    }

    static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    List<JsonNode> chatRequests() {
        return Collections.unmodifiableList(chatRequests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
