package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Which model served a run.
 *
 * @param backend     {@code llamacpp}, {@code ollama}, {@code replay}, ...
 * @param model       the model as the user named it (path, catalog name or tag)
 * @param fingerprint content identity of the weights (GGUF sha256, Ollama digest), so cached or recorded
 *                    outputs are never served for a different model
 * @param loadMillis  time taken to make the model ready (load weights, pull), 0 when nothing was loaded
 */
@API(status = STABLE, since = "0.1.0")
public record ModelInfo(String backend, String model, String fingerprint, long loadMillis) {
    public ModelInfo {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        fingerprint = fingerprint == null ? "" : fingerprint;
    }
}
