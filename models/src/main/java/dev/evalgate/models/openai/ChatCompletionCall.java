package dev.evalgate.models.openai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.engine.ModelCallException;
import dev.evalgate.models.endpoint.RetryAfter;
import dev.evalgate.models.endpoint.ServerText;
import dev.evalgate.models.endpoint.StatusFailure;

/**
 * One {@code POST /chat/completions} exchange: sends the body, then reads either a server-sent event stream
 * ({@code data: {chunk}} lines ending with {@code data: [DONE]}, usage in the last chunk) or one JSON object, as
 * the server chose by its {@code Content-Type}. Parsing is strict: a chunk that is not the documented JSON fails the
 * call instead of being skipped, since a silently shortened output would be scored as the model's.
 */
final class ChatCompletionCall {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Longest event or body line accepted; a chunk carries a few tokens, so anything near this is not a chat API. */
    static final int MAX_LINE_CHARS = 1 << 20;
    /** Longest output kept; beyond it the answer is cut and reported as {@code length}. */
    static final int MAX_OUTPUT_CHARS = 4 << 20;
    private static final int MAX_ERROR_BODY_CHARS = 4_096;

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> apiKey;
    private final String what;

    ChatCompletionCall(HttpClient http, URI baseUrl, Optional<String> apiKey) {
        this.http = http;
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.apiKey = apiKey;
        this.what = "the OpenAI-compatible server at " + baseUrl;
    }

    String what() {
        return what;
    }

    /**
     * @param started {@link System#nanoTime()} when the call started, the origin of time to first token
     */
    ChatOutcome exchange(ObjectNode body, Duration timeout, long started)
            throws ModelCallException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", body.path("stream").asBoolean() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ModelCallException(unreachable(e), true, e);
        } catch (HttpTimeoutException e) {
            throw new ModelCallException(what + " sent no response within " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new ModelCallException(unreachable(e), true, e);
        }
        try (Reader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int status = response.statusCode();
            if (status != 200) {
                throw statusFailure(response, readAtMost(reader, MAX_ERROR_BODY_CHARS), body.path("model").asText());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            return type.startsWith("text/event-stream") ? readStream(reader, started)
                    : readWhole(readAtMost(reader, MAX_OUTPUT_CHARS * 2));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while reading from " + what);
            }
            throw new ModelCallException("the connection to " + what + " broke while reading the answer: "
                    + excerpt(String.valueOf(e.getMessage())), true, e);
        }
    }

    private ChatOutcome readWhole(String text) throws ModelCallException {
        JsonNode root = parse(text, "the response body");
        failOnError(root);
        JsonNode choice = firstChoice(root, "the response body");
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
            throw malformed("the response body", text, "choices[0].message.content is not a string");
        }
        String output = content.isTextual() ? content.asText() : "";
        String finish = choice.path("finish_reason").asText("");
        if (output.length() > MAX_OUTPUT_CHARS) {
            output = output.substring(0, MAX_OUTPUT_CHARS);
            finish = "length";
        }
        JsonNode usage = root.path("usage");
        return new ChatOutcome(output, usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0),
                null, finish.isBlank() ? "stop" : finish, root.path("model").asText(""),
                root.path("system_fingerprint").asText(""));
    }

    private ChatOutcome readStream(Reader reader, long started) throws IOException, ModelCallException {
        StringBuilder text = new StringBuilder();
        StringBuilder data = new StringBuilder();
        Duration firstToken = null;
        String finish = "";
        String servedModel = "";
        String systemFingerprint = "";
        int promptTokens = 0;
        int completionTokens = 0;
        int events = 0;
        String line;
        while (true) {
            line = readLine(reader);
            if (line != null && !line.isEmpty()) {
                if (line.startsWith("data:")) {
                    String payload = line.substring(5);
                    data.append(data.length() == 0 ? "" : "\n").append(payload.startsWith(" ") ? payload.substring(1)
                            : payload);
                }
                // Comments (": keep-alive"), event, id and retry fields carry nothing a chat completion uses.
                continue;
            }
            if (data.length() > 0) {
                events++;
                String event = data.toString();
                data.setLength(0);
                if (event.strip().equals("[DONE]")) {
                    return new ChatOutcome(text.toString(), promptTokens, completionTokens, firstToken,
                            finish.isBlank() ? "stop" : finish, servedModel, systemFingerprint);
                }
                JsonNode chunk = parse(event, "event " + events + " of the stream");
                failOnError(chunk);
                servedModel = chunk.path("model").asText(servedModel);
                systemFingerprint = chunk.path("system_fingerprint").asText(systemFingerprint);
                JsonNode usage = chunk.path("usage");
                if (usage.isObject()) {
                    promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
                    completionTokens = usage.path("completion_tokens").asInt(completionTokens);
                }
                JsonNode choices = chunk.path("choices");
                if (!choices.isArray()) {
                    throw malformed("event " + events + " of the stream", event, "no choices array");
                }
                if (!choices.isEmpty()) {
                    JsonNode choice = choices.get(0);
                    JsonNode content = choice.path("delta").path("content");
                    if (content.isTextual() && !content.asText().isEmpty()) {
                        if (firstToken == null) {
                            firstToken = Duration.ofNanos(System.nanoTime() - started);
                        }
                        String piece = content.asText();
                        if (text.length() + piece.length() > MAX_OUTPUT_CHARS) {
                            text.append(piece, 0, MAX_OUTPUT_CHARS - text.length());
                            return new ChatOutcome(text.toString(), promptTokens, completionTokens, firstToken,
                                    "length", servedModel, systemFingerprint);
                        }
                        text.append(piece);
                    }
                    if (choice.path("finish_reason").isTextual()) {
                        finish = choice.path("finish_reason").asText();
                    }
                }
            }
            if (line == null) {
                break;
            }
        }
        if (!finish.isBlank()) {
            // Some servers close the stream after the last chunk without the [DONE] sentinel; the answer is whole.
            return new ChatOutcome(text.toString(), promptTokens, completionTokens, firstToken, finish, servedModel,
                    systemFingerprint);
        }
        throw new ModelCallException(what + " ended the event stream before the answer finished (after " + events
                + " events, no finish_reason and no [DONE])", true);
    }

    private JsonNode parse(String text, String where) throws ModelCallException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw malformed(where, text, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(where, text, e.getOriginalMessage());
        }
    }

    private JsonNode firstChoice(JsonNode root, String where) throws ModelCallException {
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
            throw malformed(where, root.toString(), "no choices[0]");
        }
        return choices.get(0);
    }

    /** A server that accepted the request and failed while generating reports it as an {@code error} object. */
    private void failOnError(JsonNode node) throws ModelCallException {
        JsonNode error = node.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.isObject() ? error.path("message").asText(error.toString()) : error.asText();
            throw new ModelCallException(what + " failed while generating: " + excerpt(message), true);
        }
    }

    private ModelCallException malformed(String where, String text, String problem) {
        return new ModelCallException(what + " sent a response that is not valid chat-completions JSON (" + where
                + ": '" + excerpt(text) + "': " + excerpt(String.valueOf(problem)) + "); check that the URL is the "
                + "API root of an OpenAI-compatible server (it usually ends in /v1)", false);
    }

    private ModelCallException statusFailure(HttpResponse<?> response, String bodyText, String model) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), Instant.now());
        String advice = switch (status) {
            case 401, 403 -> "check the API key in the environment variable that --openai-key-env names (default "
                    + OpenAiSettings.DEFAULT_KEY_ENV + ")";
            case 404 -> "check that the server serves model '" + excerpt(model) + "' and that the URL is its API root";
            default -> "the request was rejected, retrying will not help";
        };
        return StatusFailure.of(what, status, errorText(bodyText), retryAfter, advice);
    }

    private String errorText(String bodyText) {
        try {
            JsonNode root = JSON.readTree(bodyText);
            if (root != null && root.path("error").path("message").isTextual()) {
                return excerpt(root.path("error").path("message").asText());
            }
            if (root != null && root.path("error").isTextual()) {
                return excerpt(root.path("error").asText());
            }
        } catch (JsonProcessingException e) {
            // Not the documented error shape (a proxy page, plain text): show the body itself.
        }
        return excerpt(bodyText);
    }

    private String unreachable(Exception e) {
        return "cannot reach " + what + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + excerpt(e.getMessage())) + "); start the server or point "
                + "--openai-url (or $" + OpenAiSettings.BASE_URL_ENV + ") at it";
    }

    /** Server text for a message: one line, capped, and with the API key masked should the server echo it. */
    String excerpt(String text) {
        return ServerText.excerpt(text, apiKey.map(List::of).orElse(List.of()));
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private String readLine(Reader reader) throws IOException, ModelCallException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE_CHARS) {
                throw new ModelCallException(what + " sent a stream line longer than " + MAX_LINE_CHARS
                        + " characters, which no chat chunk is; check that the URL is an OpenAI-compatible API root",
                        false);
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static String readAtMost(Reader reader, int limit) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while (text.length() < limit && (n = reader.read(buffer, 0, Math.min(buffer.length, limit - text.length()))) != -1) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}
