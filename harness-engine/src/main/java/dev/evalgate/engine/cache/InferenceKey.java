package dev.evalgate.engine.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.internal.Json;

/**
 * Everything that decides what a model returns for one call, and nothing else: the timeout and trace id of a
 * request are left out, so an unchanged bundle rerun later hits the entries of the earlier run.
 *
 * @param backend  the backend that served the model ({@code ollama}, {@code llamacpp}, ...)
 * @param model    the weights' content identity ({@link ModelInfo#fingerprint()}); when a backend reports none, the
 *                 model's name prefixed with {@code name:}, which is weaker but still separates models
 * @param params   sampling parameters, seed included
 * @param system   the rendered system prompt
 * @param messages the rendered chat, in order
 */
public record InferenceKey(String backend, String model, GenerationParams params, String system,
                           List<ChatMessage> messages,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> input) {
    public InferenceKey {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(params, "params");
        system = system == null ? "" : system;
        messages = List.copyOf(messages);
        // Sorted, so the canonical JSON is the same whatever order the corpus wrote the variables in.
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(input));
    }

    public InferenceKey(String backend, String model, GenerationParams params, String system,
                        List<ChatMessage> messages) {
        this(backend, model, params, system, messages, Map.of());
    }

    public static InferenceKey of(ModelInfo info, ModelRequest request) {
        return of(info, request, Map.of());
    }

    /**
     * @param input the case input variables the client sends beside the messages ({@link
     *              dev.evalgate.engine.ModelClient#inputRead}); left out of the key when empty, so the keys of
     *              clients that read none are those they always were
     */
    public static InferenceKey of(ModelInfo info, ModelRequest request, Map<String, Object> input) {
        String identity = info.fingerprint().isBlank() ? "name:" + info.model() : info.fingerprint();
        return new InferenceKey(info.backend(), identity, request.params(), request.system(), request.messages(),
                input);
    }

    /** Hex sha256 of the key's canonical JSON: equal keys give equal digests on every machine. */
    public String digest() {
        return digestOf(canonicalJson());
    }

    /** The key as canonical JSON (sorted properties, no whitespace): equal keys give equal bytes. */
    byte[] canonicalJson() {
        try {
            return Json.CANONICAL.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an inference key", e);
        }
    }

    static String digestOf(byte[] canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalJson));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    String describe() {
        String text = messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
        String start = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return backend + " model " + model + ", temperature " + params.temperature() + ", seed " + params.seed()
                + ", last message \"" + start.replace('\n', ' ') + "\"";
    }
}
