package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What the front end knows about where models come from, handed to every {@link ModelClientProvider}.
 *
 * @param modelOverride a local model file that replaces the bundle's model (the {@code --model} flag or the
 *                      {@code EVALGATE_MODEL} variable): how offline machines and tests run catalog bundles
 * @param baseDirectory relative model paths in a bundle resolve against this (the bundle's directory)
 * @param cacheDirectory where downloaded models and cached inferences live
 * @param settings      backend-specific settings by documented key (see each provider)
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record BackendOptions(Optional<Path> modelOverride, Path baseDirectory, Path cacheDirectory,
                             Map<String, String> settings) {
    /**
     * The bundle's {@code output_schema} as JSON, set for the model under test only (never for a judge), so a
     * backend that can constrain its output to a schema (an OpenAI-compatible server's {@code response_format})
     * does so.
     */
    public static final String OUTPUT_SCHEMA = "bundle.outputSchema";
    /** The API root the bundle's {@code openai:} section names, used when the flag and the environment give none. */
    public static final String OPENAI_URL = "bundle.openai.url";
    /** The environment variable holding the API key, as the bundle's {@code openai:} section names it. */
    public static final String OPENAI_KEY_ENV = "bundle.openai.apiKeyEnv";

    public BackendOptions {
        modelOverride = modelOverride == null ? Optional.empty() : modelOverride;
        baseDirectory = baseDirectory == null ? Path.of(".") : baseDirectory;
        cacheDirectory = cacheDirectory == null ? defaultCacheDirectory() : cacheDirectory;
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public BackendOptions withSetting(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(key, value);
        return new BackendOptions(modelOverride, baseDirectory, cacheDirectory, more);
    }

    /** {@code $EVALGATE_CACHE}, else {@code $XDG_CACHE_HOME/evalgate}, else {@code ~/.cache/evalgate}. */
    public static Path defaultCacheDirectory() {
        String explicit = System.getenv("EVALGATE_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "evalgate");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "evalgate");
    }
}
