package dev.evalgate.models.ollama;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.ollama4j.exceptions.RoleNotFoundException;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.models.endpoint.EndpointPermits;

/**
 * A model served by an Ollama server. Every call streams, so the time to first token is measured; token counts
 * come from the server's {@code prompt_eval_count} and {@code eval_count}. Failures are classified for the runner's
 * retry: connection errors, timeouts and HTTP 5xx are transient, HTTP 4xx and malformed answers are not. This client
 * does not retry by itself, so a failure is never retried twice over.
 */
public final class OllamaModelClient implements ModelClient {
    /** One HTTP/1.1 client for every Ollama call of the process: connections are pooled, one selector thread. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * Runs each exchange so the caller can give up at the call's deadline: Ollama4j's and the JDK's HTTP timeouts
     * only cover the wait for the response headers, not a stream that stalls halfway.
     */
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "evalgate-ollama-call");
        thread.setDaemon(true);
        return thread;
    });

    private final URI server;
    private final String model;
    private final ModelInfo info;
    private final OllamaChatCall chat;
    private final EndpointPermits permits;

    OllamaModelClient(URI server, String model, ModelInfo info, int maxConcurrency) {
        this.server = server;
        this.model = model;
        this.info = info;
        this.chat = new OllamaChatCall(server, HTTP);
        this.permits = EndpointPermits.forEndpoint(server, maxConcurrency);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public URI server() {
        return server;
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
                throw new ModelCallException("all " + permits.limit() + " slots for calls to Ollama at " + server
                        + " stayed busy for " + timeout.toMillis() + " ms", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for a free slot at Ollama " + server, false, e);
        }
        try {
            return call(toOllama(request), timeout);
        } finally {
            permits.release();
        }
    }

    private Completion call(OllamaChatRequest body, Duration timeout) throws ModelCallException {
        long started = System.nanoTime();
        Future<ChatOutcome> exchange = EXCHANGES.submit(() -> chat.exchange(body, timeout, started));
        ChatOutcome outcome;
        try {
            outcome = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ModelCallException("Ollama at " + server + " did not finish answering within the call's "
                    + "timeout of " + timeout.toMillis() + " ms; raise the suite's timeout or use a smaller model",
                    true, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for Ollama at " + server, false, e);
        } catch (CancellationException e) {
            throw new ModelCallException("the call to Ollama at " + server + " was cancelled", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelCallException failure) {
                throw failure;
            }
            throw new ModelCallException("the call to Ollama at " + server + " failed unexpectedly: " + cause, false,
                    cause);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        return new Completion(outcome.text(), outcome.promptTokens(), outcome.completionTokens(), latency,
                outcome.timeToFirstToken(), outcome.finishReason());
    }

    private OllamaChatRequest toOllama(ModelRequest request) throws ModelCallException {
        OllamaChatRequest body = OllamaChatRequest.builder().withModel(model).withUseTools(false);
        if (!request.system().isBlank()) {
            body.withMessage(OllamaChatMessageRole.SYSTEM, request.system());
        }
        for (ChatMessage message : request.messages()) {
            try {
                body.withMessage(OllamaChatMessageRole.getRole(message.role()), message.content());
            } catch (RoleNotFoundException e) {
                throw new ModelCallException("Ollama has no chat role '" + message.role() + "'; use system, user or "
                        + "assistant", false, e);
            }
        }
        body.setOptions(options(request.params()));
        return body;
    }

    /** Ollama's option names for the sampling parameters every backend shares. */
    static Map<String, Object> options(GenerationParams params) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", params.temperature());
        options.put("seed", params.seed());
        options.put("num_predict", params.maxTokens());
        options.put("top_p", params.topP());
        if (!params.stop().isEmpty()) {
            options.put("stop", params.stop());
        }
        return options;
    }

    @Override
    public String toString() {
        return "ollama " + model + " at " + server;
    }
}
