package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.cache.CacheMode;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How a pipeline uses the inference cache.
 *
 * @param mode      readwrite (the default of the command line), record, replay or off
 * @param directory where entries live; empty for {@value #INFERENCE_SUBDIRECTORY}/ under the model cache directory
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record CacheSettings(CacheMode mode, Optional<Path> directory) {
    /** Under the model cache directory unless a directory is given. */
    public static final String INFERENCE_SUBDIRECTORY = "inference";

    public static final CacheSettings OFF = new CacheSettings(CacheMode.OFF, Optional.empty());

    /**
     * On by default: rerunning an unchanged bundle costs no model calls. Entries are keyed by the model's
     * fingerprint, parameters, seed and the whole request, so a changed prompt or model never gets a stale output.
     */
    public static final CacheSettings DEFAULT = new CacheSettings(CacheMode.READWRITE, Optional.empty());

    public CacheSettings {
        Objects.requireNonNull(mode, "mode");
        directory = directory == null ? Optional.empty() : directory;
    }

    public static CacheSettings of(CacheMode mode, Path directory) {
        return new CacheSettings(mode, Optional.ofNullable(directory));
    }

    public Path directory(BackendOptions backend) {
        return directory.orElseGet(() -> backend.cacheDirectory().resolve(INFERENCE_SUBDIRECTORY));
    }
}
