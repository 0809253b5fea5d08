package dev.evalgate.models.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback speaking the chat-completions protocol as the OpenAI API reference documents it:
 * {@code GET /v1/models} (a list object), {@code POST /v1/chat/completions} answering a chat completion object, or
 * with {@code "stream": true} server-sent events of {@code chat.completion.chunk} objects, a last chunk with empty
 * {@code choices} and the {@code usage} when {@code stream_options.include_usage} asks for it, then
 * {@code data: [DONE]}. Each chat call takes the next scripted {@link Reply}, or answers {@link #answer}.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does for one chat call. */
    @FunctionalInterface
    public interface Reply {
        void send(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException;
    }

    public final List<String> models = new CopyOnWriteArrayList<>();
    public final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    public final List<Map<String, List<String>>> chatHeaders = new CopyOnWriteArrayList<>();
    public final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    public final AtomicInteger chatCalls = new AtomicInteger();
    /** {@link System#nanoTime()} at which each chat request arrived. */
    public final List<Long> chatArrivals = new CopyOnWriteArrayList<>();
    /** The server build reported to the client's fingerprint probe; null reports none. */
    public volatile String systemFingerprint = "fp_loopback";
    /** Probes of the server build the client sent when it opened; they take no scripted reply. */
    public final AtomicInteger probes = new AtomicInteger();
    public volatile Function<JsonNode, String> answer = request -> "Hello from the loopback server.";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public FakeOpenAiServer(String... models) throws IOException {
        this.models.addAll(List.of(models));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
    }

    /** The API root, as {@code --openai-url} takes it. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String model : models) {
            // created is the time of the request, as vLLM and llama-server fill it.
            data.addObject().put("id", model).put("object", "model").put("created", System.currentTimeMillis() / 1000)
                    .put("owned_by", "evalgate-tests");
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(list));
    }

    private void chat(HttpExchange exchange) throws IOException {
        try {
            long arrived = System.nanoTime();
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (request.path("messages").path(0).path("content").asText().equals(ServerBuild.PROBE_PROMPT)) {
                probes.incrementAndGet();
                ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-probe").put("object", "chat.completion")
                        .put("created", 1_700_000_000).put("model", request.path("model").asText());
                if (systemFingerprint != null) {
                    body.put("system_fingerprint", systemFingerprint);
                }
                ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", "ok");
                choice.put("finish_reason", "length");
                send(exchange, 200, "application/json", JSON.writeValueAsString(body));
                return;
            }
            chatArrivals.add(arrived);
            chatRequests.add(request);
            chatHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            chatCalls.incrementAndGet();
            Reply reply = replies.poll();
            if (reply == null) {
                reply = request.path("stream").asBoolean() ? streamed(answer.apply(request)) : whole(answer.apply(request));
            }
            reply.send(exchange, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a timeout test); nothing to answer.
        } finally {
            exchange.close();
        }
    }

    /** A chat completion object with usage, as {@code "stream": false} gets it. */
    public static Reply whole(String text) {
        return (exchange, request) -> {
            ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                    .put("created", 1_700_000_000).put("model", request.path("model").asText())
                    .put("system_fingerprint", "fp_loopback");
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", text);
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            body.putObject("usage").put("prompt_tokens", promptTokens(request)).put("completion_tokens",
                    words(text)).put("total_tokens", promptTokens(request) + words(text));
            send(exchange, 200, "application/json", JSON.writeValueAsString(body));
        };
    }

    /** Server-sent events: a role chunk, one chunk per word, a finish chunk, the usage chunk, {@code [DONE]}. */
    public static Reply streamed(String text) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                event(out, chunk(request, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
                String[] words = text.split("(?<= )");
                for (String word : words) {
                    event(out, chunk(request, JSON.createObjectNode().put("content", word), null));
                }
                event(out, chunk(request, JSON.createObjectNode(), "stop"));
                if (request.path("stream_options").path("include_usage").asBoolean()) {
                    ObjectNode usage = chunk(request, null, null);
                    usage.putObject("usage").put("prompt_tokens", promptTokens(request))
                            .put("completion_tokens", words(text)).put("total_tokens", promptTokens(request) + words(text));
                    event(out, usage);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** An error status with the documented error object and, when given, a {@code Retry-After} header. */
    public static Reply status(int status, String message, String retryAfter) {
        return (exchange, request) -> {
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type", "server_error").putNull("param")
                    .putNull("code");
            send(exchange, status, "application/json", JSON.writeValueAsString(body));
        };
    }

    /** A 200 answer whose body is not JSON. */
    public static Reply raw(String contentType, String body) {
        return (exchange, request) -> send(exchange, 200, contentType, body);
    }

    /** Starts a stream, sends one word, then goes silent for {@code millis} before closing. */
    public static Reply stallingAfterFirstChunk(long millis) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                event(out, chunk(request, JSON.createObjectNode().put("content", "Once "), null));
                Thread.sleep(millis);
            }
        };
    }

    private static ObjectNode chunk(JsonNode request, ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", request.path("model").asText())
                .put("system_fingerprint", "fp_loopback");
        ArrayNode choices = chunk.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finish == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finish);
            }
        }
        return chunk;
    }

    private static void event(OutputStream out, ObjectNode chunk) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int promptTokens(JsonNode request) {
        int count = 0;
        for (JsonNode message : request.path("messages")) {
            count += words(message.path("content").asText());
        }
        return count;
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
