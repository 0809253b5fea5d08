package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A model as a bundle names it: {@code backend:name}, for example {@code llamacpp:models/x.gguf},
 * {@code llamacpp:qwen2.5-0.5b-instruct}, {@code ollama:qwen2.5:0.5b}, {@code replay:outputs.jsonl}. A bare
 * name ending in {@code .gguf} means {@code llamacpp}.
 */
@API(status = STABLE, since = "0.1.0")
public record ModelRef(String backend, String name) {
    public ModelRef {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
    }

    public static ModelRef parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            if (trimmed.endsWith(".gguf")) {
                return new ModelRef("llamacpp", trimmed);
            }
            throw new IllegalArgumentException("expected backend:model such as 'llamacpp:model.gguf' or "
                    + "'ollama:qwen2.5:0.5b', found '" + text + "'");
        }
        return new ModelRef(trimmed.substring(0, colon), trimmed.substring(colon + 1));
    }

    @Override
    public String toString() {
        return backend + ":" + name;
    }
}
