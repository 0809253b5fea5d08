package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;

/** Where models come from: shared by every command that calls a model. */
public final class ModelOptions {
    static final String MODEL_ENV = "EVALGATE_MODEL";

    @Option(names = "--model", paramLabel = "PATH",
            description = "Local model file that replaces the bundle's model (also env EVALGATE_MODEL). "
                    + "This is how an offline machine runs a bundle that names a catalog model.")
    Path model;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where downloaded models are kept (default: $EVALGATE_CACHE, $XDG_CACHE_HOME/evalgate or "
                    + "~/.cache/evalgate).")
    Path modelCache;

    /** Extra backend settings other option groups contribute (Ollama URL, cache mode, ...). */
    final Map<String, String> settings = new LinkedHashMap<>();

    /**
     * The command that finishes a stopped run with the same model: without {@code --model} an offline user who
     * follows the advice would start a download of the bundle's catalog model.
     */
    String resumeCommand(Path runDirectory) {
        StringBuilder command = new StringBuilder("evalgate run --resume ").append(runDirectory);
        if (model != null) {
            command.append(" --model ").append(model);
        }
        if (modelCache != null) {
            command.append(" --model-cache ").append(modelCache);
        }
        return command.toString();
    }

    BackendOptions toBackendOptions() {
        Optional<Path> override = Optional.ofNullable(model);
        if (override.isEmpty()) {
            String env = System.getenv(MODEL_ENV);
            if (env != null && !env.isBlank()) {
                override = Optional.of(Path.of(env));
            }
        }
        if (override.isPresent() && !Files.isRegularFile(override.get())) {
            throw new InvalidInputException(override.get(), 0, model != null ? "--model" : MODEL_ENV,
                    Files.exists(override.get()) ? "not a regular file; give a model file" : "model file not found");
        }
        return new BackendOptions(override.map(Path::toAbsolutePath), Path.of("."), modelCache, settings);
    }
}
