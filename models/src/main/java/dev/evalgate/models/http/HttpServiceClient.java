package dev.evalgate.models.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.models.endpoint.DeadlineRunner;
import dev.evalgate.models.endpoint.EndpointPermits;
import dev.evalgate.models.endpoint.RetryAfter;
import dev.evalgate.models.endpoint.ServerText;
import dev.evalgate.models.endpoint.StatusFailure;

/**
 * Calls a team's own service as its {@link ServiceDefinition} says: fills the body template, adds the headers (the
 * secret ones from the environment, read once at open), and takes the output from the answer at the configured
 * JSON Pointer. Failures are classified for the runner's retries like every HTTP backend's (429 with
 * {@code Retry-After}, 5xx and connection errors transient); messages mask every secret value.
 */
final class HttpServiceClient implements ModelClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /** Longest answer read; beyond it the service is not answering a prompt. */
    static final int MAX_BODY_BYTES = 16 << 20;

    private final ServiceDefinition service;
    private final Map<String, String> secretValues;
    private final ModelInfo info;
    private final EndpointPermits permits;
    private final String what;
    /** The case input variables the templates name, which the inference cache must key by. */
    private final java.util.Set<String> inputNames;

    HttpServiceClient(ServiceDefinition service, Map<String, String> secretValues, ModelInfo info) {
        this.service = service;
        this.secretValues = Map.copyOf(secretValues);
        this.info = info;
        this.permits = EndpointPermits.forEndpoint(service.url(), service.maxConcurrency());
        this.what = "the service at " + service.url();
        this.inputNames = RequestTemplate.inputNames(java.util.List.of(service.body() == null ? "" : service.body(),
                service.headers()));
    }

    @Override
    public Map<String, Object> inputRead(ModelRequest request) {
        Map<String, Object> read = new java.util.TreeMap<>();
        for (String name : inputNames) {
            if (request.input().containsKey(name)) {
                read.put(name, request.input().get(name));
            }
        }
        return read;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int maxConcurrency() {
        return permits.limit();
    }

    /** A service decides for itself what a seed means; the report should not promise repeatability. */
    @Override
    public boolean honoursSeed() {
        return false;
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        for (String name : inputNames) {
            if (!request.input().containsKey(name)) {
                throw new ModelCallException(service.file() + " sends {{" + RequestTemplate.INPUT_PREFIX + name
                        + "}}, but the case has no input variable '" + name + "'; add it to the corpus or change the "
                        + "template", false);
            }
        }
        Duration timeout = service.timeout().filter(t -> t.compareTo(request.timeout()) < 0).orElse(request.timeout());
        try {
            if (!permits.acquire(timeout)) {
                throw new ModelCallException("all " + permits.limit() + " slots for calls to " + what
                        + " stayed busy for " + timeout.toMillis() + " ms", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for a free slot at " + what, false, e);
        }
        try {
            HttpRequest http = build(request, timeout);
            long started = System.nanoTime();
            Completion completion = DeadlineRunner.within(timeout, what, () -> exchange(http, timeout, started));
            return completion;
        } finally {
            permits.release();
        }
    }

    private HttpRequest build(ModelRequest request, Duration timeout) {
        Map<String, JsonNode> variables = RequestTemplate.variables(request);
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.url()).timeout(timeout)
                .header("Accept", "application/json");
        service.headers().forEach((name, value) -> builder.header(name, RequestTemplate.fill(value, variables)));
        secretValues.forEach(builder::header);
        if (service.method().equals("GET")) {
            return builder.GET().build();
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(RequestTemplate.render(service.body(), variables));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        if (service.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(service.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private Completion exchange(HttpRequest request, Duration timeout, long started) throws ModelCallException,
            InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ModelCallException("cannot reach " + what + " (" + e.getClass().getSimpleName() + "); start "
                    + "the service or fix url in " + service.file(), true, e);
        } catch (HttpTimeoutException e) {
            throw new ModelCallException(what + " sent no response within " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new ModelCallException("cannot reach " + what + " (" + excerpt(String.valueOf(e.getMessage()))
                    + ")", true, e);
        }
        String text;
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ModelCallException(what + " answered with more than " + MAX_BODY_BYTES + " bytes", false);
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while reading from " + what);
            }
            throw new ModelCallException("the connection to " + what + " broke while reading the answer", true, e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw StatusFailure.of(what, status, excerpt(text), RetryAfter.parse(
                    response.headers().firstValue("Retry-After"), Instant.now()), "the request was rejected; check "
                    + service.file() + " against what the service expects");
        }
        if (service.output().isEmpty()) {
            return new Completion(text, 0, 0, latency, null, "stop");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelCallException(what + " answered with something that is not JSON ('" + excerpt(text)
                    + "'), so output " + service.output().get() + " cannot be read from it", false);
        }
        if (root == null) {
            throw new ModelCallException(what + " answered with an empty body", false);
        }
        JsonNode output = root.at(service.output().get());
        if (output.isMissingNode()) {
            throw new ModelCallException(what + " answered JSON with nothing at " + service.output().get()
                    + " (the output location in " + service.file() + "): '" + excerpt(text) + "'", false);
        }
        return new Completion(output.isTextual() ? output.asText() : output.toString(),
                count(root, service.promptTokens()), count(root, service.completionTokens()), latency, null, "stop");
    }

    private static int count(JsonNode root, Optional<String> pointer) {
        return pointer.map(root::at).filter(JsonNode::canConvertToInt).map(JsonNode::asInt).filter(n -> n >= 0)
                .orElse(0);
    }

    private String excerpt(String text) {
        return ServerText.excerpt(text, List.copyOf(secretValues.values()));
    }

    @Override
    public String toString() {
        return "http service " + info.model() + " at " + service.url();
    }
}
