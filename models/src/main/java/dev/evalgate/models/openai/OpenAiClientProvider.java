package dev.evalgate.models.openai;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.SourceLocation;

/**
 * The {@code openai} backend: {@code openai:MODEL} in a bundle, served by any OpenAI-compatible chat-completions
 * server (see the package documentation). {@code --model PATH} runs the bundle on the embedded engine with that
 * file instead, as it does for every backend.
 */
public final class OpenAiClientProvider implements ModelClientProvider {
    public static final String BACKEND = "openai";

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String description() {
        return "openai: a model served by an OpenAI-compatible chat-completions server (llama.cpp's llama-server, "
                + "vLLM, LM Studio, LocalAI, hosted APIs; --openai-url, key from $" + OpenAiSettings.DEFAULT_KEY_ENV
                + ")";
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        String model = ref.name().trim();
        if (model.isEmpty() || model.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException(null, 0, "model", "'" + ref + "' is not a model name; write it as the "
                    + "server lists it, for example openai:gpt-4o-mini or openai:qwen2.5-0.5b-instruct");
        }
        if (options.modelOverride().isPresent()) {
            return ModelClients.load().open(new ModelRef("llamacpp", options.modelOverride().get().toString()),
                    options, SourceLocation.NONE);
        }
        return open(model, OpenAiSettings.from(options),
                options.setting(BackendOptions.OUTPUT_SCHEMA).map(OpenAiClientProvider::parse));
    }

    static OpenAiModelClient open(String model, OpenAiSettings settings, Optional<JsonNode> schema) {
        long started = System.nanoTime();
        Optional<JsonNode> responseFormat = ChatCompletionBody.responseFormat(settings.responseFormat(), schema);
        String fingerprint = ServedModels.fingerprint(OpenAiModelClient.HTTP, settings, model).orElse("");
        Optional<String> build = ServerBuild.systemFingerprint(
                new ChatCompletionCall(OpenAiModelClient.HTTP, settings.baseUrl(), settings.apiKey()), model,
                settings.openTimeout());
        if (build.isPresent()) {
            // Same weights under another server build may answer differently: the build is part of the identity.
            fingerprint = (fingerprint.isEmpty() ? "name:" + model : fingerprint) + "+system_fingerprint:"
                    + build.get();
        }
        if (responseFormat.isPresent()) {
            // The response format constrains decoding, so outputs under another schema are not interchangeable:
            // the schema is part of what the cache and the baseline comparison see as the model.
            fingerprint = (fingerprint.isEmpty() ? "name:" + model : fingerprint) + "+response_format@sha256:"
                    + sha256(responseFormat.get().toString()).substring(0, 16);
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        return new OpenAiModelClient(model, new ModelInfo(BACKEND, model, fingerprint, loadMillis), settings,
                responseFormat);
    }

    private static JsonNode parse(String json) {
        try {
            return ChatCompletionCall.JSON.readTree(json);
        } catch (IOException e) {
            throw new EvaluationException("the bundle's output_schema could not be read back as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
