package dev.evalgate.models.ollama;

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

import com.fasterxml.jackson.core.JsonProcessingException;

import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.request.OllamaChatEndpointCaller;
import io.github.ollama4j.models.response.OllamaErrorResponse;
import io.github.ollama4j.utils.Utils;

import dev.evalgate.engine.ModelCallException;

/**
 * One streamed {@code /api/chat} exchange, built on Ollama4j's chat endpoint caller.
 *
 * <p>Ollama4j 1.1.6's own {@code Ollama.chat} cannot serve an evaluation harness as it is: it turns every HTTP
 * error into an exception without the status code (so a retryable 500 and a final 404 look alike), applies its
 * timeout only in whole seconds and only until the response headers arrive, logs and skips a malformed streamed
 * line instead of failing, and opens a new {@link HttpClient} (with its own selector thread) for every call. This
 * class keeps what Ollama4j does well (the request model and its JSON form, authentication and default headers
 * of {@link OllamaChatEndpointCaller}, the response model and its parser) and replaces only the exchange loop:
 * one shared client, the status kept, chunks parsed strictly, the first token timed. The overall deadline of a
 * call is enforced by {@link OllamaModelClient}.
 */
final class OllamaChatCall extends OllamaChatEndpointCaller {
    /** Longest streamed line accepted; a chunk carries a few tokens, so anything near this is not Ollama. */
    static final int MAX_LINE_CHARS = 1 << 20;
    /** Longest output kept; beyond it the answer is cut and reported as {@code length}. */
    static final int MAX_OUTPUT_CHARS = 4 << 20;
    private static final int MAX_ERROR_BODY_CHARS = 4_096;

    private final HttpClient http;
    private final URI chatUri;

    OllamaChatCall(URI server, HttpClient http) {
        // Ollama4j wants a timeout in seconds; the real one is set per request below.
        super(server.toString(), null, 1);
        this.http = http;
        this.chatUri = URI.create(server + endpoint);
    }

    /**
     * Sends the request and reads the stream to its end.
     *
     * @param started {@link System#nanoTime()} when the caller started the call, the origin of time to first token
     */
    ChatOutcome exchange(OllamaChatRequest body, Duration timeout, long started)
            throws ModelCallException, InterruptedException {
        body.setStream(true);
        HttpRequest request = getRequestBuilderDefault(chatUri).timeout(timeout).POST(body.getBodyPublisher()).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ModelCallException(unreachable(e), true, e);
        } catch (HttpTimeoutException e) {
            throw new ModelCallException("Ollama at " + getHost() + " sent no response within " + timeout.toMillis()
                    + " ms", true, e);
        } catch (IOException e) {
            throw new ModelCallException(unreachable(e), true, e);
        }
        try (Reader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int status = response.statusCode();
            if (status != 200) {
                throw statusFailure(status, readAtMost(reader, MAX_ERROR_BODY_CHARS), body.getModel());
            }
            return readStream(reader, started);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while reading from Ollama");
            }
            throw new ModelCallException("the connection to Ollama at " + getHost() + " broke while reading the "
                    + "answer: " + e.getMessage(), true, e);
        }
    }

    private ChatOutcome readStream(Reader reader, long started) throws IOException, ModelCallException {
        StringBuilder text = new StringBuilder();
        Duration firstToken = null;
        int lineNumber = 0;
        String line;
        while ((line = readLine(reader)) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            OllamaChatResponseModel chunk = parse(line, lineNumber);
            if (chunk.getError() != null && !chunk.getError().isBlank()) {
                // The server accepted the request and failed while generating (a crashed runner, memory).
                throw new ModelCallException("Ollama at " + getHost() + " failed while generating: "
                        + excerpt(chunk.getError()), true);
            }
            OllamaChatMessage message = chunk.getMessage();
            String content = message == null ? null : message.getResponse();
            if (content != null && !content.isEmpty()) {
                if (firstToken == null) {
                    firstToken = Duration.ofNanos(System.nanoTime() - started);
                }
                if (text.length() + content.length() > MAX_OUTPUT_CHARS) {
                    text.append(content, 0, MAX_OUTPUT_CHARS - text.length());
                    return new ChatOutcome(text.toString(), 0, 0, firstToken, "length");
                }
                text.append(content);
            }
            if (chunk.isDone()) {
                return new ChatOutcome(text.toString(), count(chunk.getPromptEvalCount()),
                        count(chunk.getEvalCount()), firstToken,
                        chunk.getDoneReason() == null || chunk.getDoneReason().isBlank() ? "stop" : chunk.getDoneReason());
            }
        }
        throw new ModelCallException("Ollama at " + getHost() + " ended the answer stream before saying it was done "
                + "(after " + lineNumber + " lines)", true);
    }

    private OllamaChatResponseModel parse(String line, int lineNumber) throws ModelCallException {
        try {
            OllamaChatResponseModel chunk = Utils.getObjectMapper().readValue(line, OllamaChatResponseModel.class);
            if (chunk == null) {
                throw new ModelCallException(malformed(lineNumber, line, "empty value"), false);
            }
            return chunk;
        } catch (JsonProcessingException e) {
            throw new ModelCallException(malformed(lineNumber, line, e.getOriginalMessage()), false, e);
        }
    }

    private String malformed(int lineNumber, String line, String problem) {
        return "Ollama at " + getHost() + " sent a response that is not valid Ollama chat JSON (line " + lineNumber
                + " of the stream: '" + excerpt(line) + "': " + problem + "); check that the URL points at an "
                + "Ollama server and not at a proxy or another service";
    }

    private ModelCallException statusFailure(int status, String bodyText, String model) {
        String reason = errorText(bodyText);
        if (status == 404) {
            return new ModelCallException("Ollama at " + getHost() + " answered 404 for model " + model + " ("
                    + reason + "); run `ollama pull " + model + "` on that server", false);
        }
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new ModelCallException("Ollama at " + getHost() + " answered HTTP " + status + " (" + reason + ")"
                + (retryable ? "" : "; the request was rejected, retrying will not help"), retryable);
    }

    private static String errorText(String bodyText) {
        try {
            OllamaErrorResponse error = Utils.getObjectMapper().readValue(bodyText, OllamaErrorResponse.class);
            if (error != null && error.getError() != null && !error.getError().isBlank()) {
                return excerpt(error.getError());
            }
        } catch (JsonProcessingException e) {
            // Not Ollama's JSON error shape (a proxy page, plain text): show the body itself.
        }
        return bodyText.isBlank() ? "empty body" : excerpt(bodyText);
    }

    private String unreachable(Exception e) {
        return "cannot reach Ollama at " + getHost() + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); start it with `ollama serve`, point "
                + "--ollama-url at it, or let evalgate start one with --ollama-container";
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    /** A short, single-line piece of text a server sent, safe to put in a message. */
    static String excerpt(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private String readLine(Reader reader) throws IOException, ModelCallException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() >= MAX_LINE_CHARS) {
                throw new ModelCallException("Ollama at " + getHost() + " sent a streamed line longer than "
                        + MAX_LINE_CHARS + " characters, which no chat chunk is; check that the URL points at an "
                        + "Ollama server", false);
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static String readAtMost(Reader reader, int limit) throws IOException {
        char[] buffer = new char[limit];
        int filled = 0;
        int n;
        while (filled < limit && (n = reader.read(buffer, filled, limit - filled)) != -1) {
            filled += n;
        }
        return new String(buffer, 0, filled);
    }
}
