package dev.evalgate.models.ollama;

import java.util.Map;
import java.util.Optional;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.SourceLocation;

/**
 * Runs a bundle that names an Ollama model on the embedded engine instead: when {@code --model PATH} gives a local
 * file (Ollama cannot serve a file), or under {@code --backend auto} when no Ollama server answers. The embedded
 * engine is found by its backend name, so this package imports nothing of it; the run records that
 * {@code llamacpp} served it, with that model's own fingerprint.
 */
final class EmbeddedFallback {
    static final String EMBEDDED_BACKEND = "llamacpp";

    /**
     * Ollama tags whose weights the embedded engine's catalog holds too (the same GGUF quantization that Ollama
     * serves under the tag).
     */
    private static final Map<String, String> CATALOG_EQUIVALENTS = Map.of(
            "qwen2.5:0.5b", "qwen2.5-0.5b-instruct",
            "qwen2.5:0.5b-instruct", "qwen2.5-0.5b-instruct",
            "qwen2.5:1.5b", "qwen2.5-1.5b-instruct",
            "qwen2.5:1.5b-instruct", "qwen2.5-1.5b-instruct",
            "smollm2:360m", "smollm2-360m-instruct",
            "smollm2:360m-instruct", "smollm2-360m-instruct");

    private EmbeddedFallback() {
    }

    static Optional<String> catalogEquivalent(String ollamaModel) {
        return Optional.ofNullable(CATALOG_EQUIVALENTS.get(OllamaModelCatalog.withTag(ollamaModel)
                .replace(":latest", "")));
    }

    static ModelClient open(String ollamaModel, BackendOptions options, String why) {
        ModelClients backends = ModelClients.load();
        if (!backends.knows(EMBEDDED_BACKEND)) {
            throw new EvaluationException(why + ", but the embedded engine is not installed; use an Ollama server");
        }
        String name;
        if (options.modelOverride().isPresent()) {
            name = options.modelOverride().get().toString();
        } else {
            name = catalogEquivalent(ollamaModel).orElseThrow(() -> new EvaluationException(why + ", and the embedded "
                    + "engine has no catalog model like " + ollamaModel + "; pass --model PATH to a GGUF file, or "
                    + "start Ollama"));
        }
        return backends.open(new ModelRef(EMBEDDED_BACKEND, name), options, SourceLocation.NONE);
    }
}
