package dev.evalgate.models.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A catalog model on local disk whose bytes were checked.
 *
 * @param file       the GGUF file in the cache
 * @param sha256     its sha256 (the pinned value, or the value computed while downloading an unpinned entry)
 * @param downloaded whether this call fetched it, as opposed to finding it in the cache
 */
public record VerifiedModel(Path file, String sha256, boolean downloaded) {
    public VerifiedModel {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
