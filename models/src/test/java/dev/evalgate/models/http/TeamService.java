package dev.evalgate.models.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A team's own answering service on loopback: {@code POST /answer} with {@code {"question": ...}} answers
 * {@code {"data": {"answer": ..., "usage": {"in": N, "out": M}}}} when the request carries the expected bearer
 * token, and 401 with the token it got echoed back otherwise (as careless services do). Scripted statuses are
 * answered first.
 */
public final class TeamService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A status to answer instead of the normal reply, with an optional {@code Retry-After}. */
    public record Scripted(int status, String body, String retryAfter) {
    }

    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final Deque<Scripted> scripted = new ConcurrentLinkedDeque<>();
    /** How long each answer takes, for a run that must still be going when a test acts on it. */
    public volatile long answerMillis;
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public TeamService(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/answer", exchange -> {
            try {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                requests.add(request);
                if (answerMillis > 0) {
                    try {
                        Thread.sleep(answerMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(auth == null ? "" : auth);
                Scripted next = scripted.poll();
                if (next != null) {
                    if (next.retryAfter() != null) {
                        exchange.getResponseHeaders().set("Retry-After", next.retryAfter());
                    }
                    send(exchange, next.status(), next.body());
                } else if (!("Bearer " + token).equals(auth)) {
                    send(exchange, 401, "{\"error\": \"bad token: " + auth + "\"}");
                } else {
                    String question = request.path("question").asText();
                    ObjectNode answer = JSON.createObjectNode();
                    ObjectNode data = answer.putObject("data");
                    data.put("answer", "{\"answer\": \"" + question.length() + " characters\"}");
                    data.putObject("usage").put("in", question.split("\\s+").length).put("out", 3);
                    send(exchange, 200, JSON.writeValueAsString(answer));
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/answer");
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A service.yaml for this service whose secret header reads {@code variable}. */
    public String definition(String output, String variable) {
        return String.join("\n",
                "url: " + url(),
                "method: POST",
                "headers: {X-Trace: \"{{trace_id}}\"}",
                "secret_headers:",
                "  Authorization: {env: " + variable + ", prefix: \"Bearer \"}",
                "body:",
                "  question: \"{{prompt}}\"",
                "  context: \"system says: {{system}}\"",
                "  options: {temperature: \"{{temperature}}\", seed: \"{{seed}}\", fixed: true}",
                "output: " + output,
                "prompt_tokens: /data/usage/in",
                "completion_tokens: $.data.usage.out",
                "timeout_seconds: 20", "");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
