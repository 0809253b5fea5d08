package dev.evalgate.models.openai;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.models.endpoint.DeadlineRunner;
import dev.evalgate.models.endpoint.EndpointPermits;

/**
 * A model served by an OpenAI-compatible chat-completions server. Calls stream by default, so time to first token
 * is measured, and take token counts from the response's {@code usage}. Failures are classified for the runner,
 * which owns retries (429 and 5xx are transient and carry the server's {@code Retry-After}); this client never
 * retries by itself, so no call is retried twice over. Each call ends at its {@link ModelRequest#timeout()},
 * however the server behaves, a stream stalled halfway included.
 */
public final class OpenAiModelClient implements ModelClient {
    /** One HTTP client for every call of the process: connections are pooled, one selector thread. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String model;
    private final ModelInfo info;
    private final ChatCompletionCall chat;
    private final EndpointPermits permits;
    private final boolean stream;
    private final Optional<JsonNode> responseFormat;

    OpenAiModelClient(String model, ModelInfo info, OpenAiSettings settings, Optional<JsonNode> responseFormat) {
        this.model = model;
        this.info = info;
        this.chat = new ChatCompletionCall(HTTP, settings.baseUrl(), settings.apiKey());
        this.permits = EndpointPermits.forEndpoint(URI.create(settings.baseUrl() + "/chat/completions"),
                settings.maxConcurrency());
        this.stream = settings.stream();
        this.responseFormat = responseFormat;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int maxConcurrency() {
        return permits.limit();
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        Duration timeout = request.timeout();
        try {
            if (!permits.acquire(timeout)) {
                throw new ModelCallException("all " + permits.limit() + " slots for calls to " + chat.what()
                        + " stayed busy for " + timeout.toMillis() + " ms", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for a free slot at " + chat.what(), false, e);
        }
        try {
            long started = System.nanoTime();
            var body = ChatCompletionBody.of(model, request, stream, responseFormat);
            ChatOutcome outcome = DeadlineRunner.within(timeout, chat.what(),
                    () -> chat.exchange(body, timeout, started));
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            return new Completion(outcome.text(), outcome.promptTokens(), outcome.completionTokens(), latency,
                    outcome.timeToFirstToken(), outcome.finishReason());
        } finally {
            permits.release();
        }
    }

    @Override
    public String toString() {
        return "openai " + model + " at " + chat.what();
    }
}
