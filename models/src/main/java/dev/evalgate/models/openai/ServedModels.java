package dev.evalgate.models.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.internal.Json;

/**
 * The server's {@code GET /models} list, read once when a client opens: it tells whether the server serves the
 * bundle's model and gives the model's identity as the server reports it (its id and what else the entry says:
 * {@code owned_by}, vLLM's {@code root}, llama.cpp's {@code meta} with parameter count and size), which becomes the
 * run's fingerprint. The entry's {@code created} is left out, since several servers fill it with the time of the
 * request.
 */
final class ServedModels {
    private ServedModels() {
    }

    /** The served model's identity, or empty when the server has no model list (a proxy, a minimal server). */
    static Optional<String> fingerprint(HttpClient http, OpenAiSettings settings, String model) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/models"))
                .timeout(settings.openTimeout()).header("Accept", "application/json").GET();
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        String what = "the OpenAI-compatible server at " + settings.baseUrl();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EvaluationException("cannot reach " + what + " (" + e.getClass().getSimpleName() + "); start "
                    + "the server or point --openai-url (or $" + OpenAiSettings.BASE_URL_ENV + ") at it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("interrupted while listing the models of " + what, e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new EvaluationException(what + " refused the API key (HTTP " + response.statusCode() + "); set $"
                    + settings.apiKeyVariable() + " to a valid key");
        }
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode data;
        try {
            data = ChatCompletionCall.JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!data.isArray() || data.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : data) {
            String id = entry.path("id").asText("");
            ids.add(id);
            if (id.equals(model)) {
                return Optional.of(identity(entry));
            }
        }
        if (data.size() == 1 && data.get(0).isObject()) {
            // llama.cpp's server serves its one model whatever name a request gives, and lists it by file name.
            return Optional.of(identity(data.get(0)));
        }
        throw new EvaluationException(what + " does not serve model '" + model + "' (it serves: "
                + String.join(", ", ids.subList(0, Math.min(ids.size(), 20))) + (ids.size() > 20 ? ", ..." : "")
                + "); write the model as the server lists it, for example openai:" + ids.get(0));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code id@sha256:<first 16 hex digits of the entry's canonical JSON without created>}. */
    static String identity(JsonNode entry) {
        ObjectNode copy = ((ObjectNode) entry).deepCopy();
        copy.remove("created");
        try {
            byte[] canonical = Json.CANONICAL.writeValueAsBytes(Json.CANONICAL.treeToValue(copy, Object.class));
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
            return entry.path("id").asText("") + "@sha256:" + digest.substring(0, 16);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

}
