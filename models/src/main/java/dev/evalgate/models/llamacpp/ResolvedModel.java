package dev.evalgate.models.llamacpp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A GGUF file ready to load, and what is already known about it.
 *
 * @param file               the checked GGUF file
 * @param displayName        the model as the user named it, for {@link dev.evalgate.engine.ModelInfo#model()}
 * @param knownSha256        the file's sha256 when a download just proved it (catalog models)
 * @param defaultContextSize the context size to use unless the settings name one
 */
record ResolvedModel(Path file, String displayName, Optional<String> knownSha256, int defaultContextSize) {
    ResolvedModel {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(knownSha256, "knownSha256");
    }
}
