package dev.evalgate.junit;

import static dev.evalgate.junit.EvalgateEngineConfig.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.internal.SettingValues;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Shard;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.pipeline.BaselineChoice;
import dev.evalgate.engine.pipeline.CacheSettings;
import dev.evalgate.engine.pipeline.PipelineRequest;

/**
 * The engine's configuration parameters, parsed once into a pipeline request; a bad value is an input error that
 * names its key. Backend settings use the keys the model backends document (such as {@code ollama.url}).
 */
final class EngineSettings {
    /** Backend setting keys, as the Ollama backend reads them. */
    static final String OLLAMA_URL_SETTING = "ollama.url";
    static final String OLLAMA_CONTAINER_SETTING = "ollama.container";
    static final String OLLAMA_CONCURRENCY_SETTING = "ollama.maxConcurrency";
    static final String OLLAMA_FALLBACK_SETTING = "ollama.fallback";
    static final String OLLAMA_WARM_UP_SETTING = "ollama.warmUp";
    /** Backend setting keys, as the OpenAI-compatible backend reads them. */
    static final String OPENAI_URL_SETTING = "openai.url";
    static final String OPENAI_KEY_ENV_SETTING = "openai.apiKeyEnv";
    static final String OPENAI_CONCURRENCY_SETTING = "openai.maxConcurrency";
    /** The variable the command line also reads for a model file. */
    static final String MODEL_ENV = "EVALGATE_MODEL";

    private final ConfigurationParameters config;

    EngineSettings(ConfigurationParameters config) {
        this.config = config;
    }

    /** The request for one suite: every setting given, the engine's defaults for the rest. */
    PipelineRequest.Builder request(Suite suite) {
        CacheMode cacheMode = text(CACHE_MODE).map(EngineSettings::cacheMode).orElse(CacheSettings.DEFAULT.mode());
        Optional<Path> cacheDirectory = text(CACHE_DIRECTORY).map(Path::of);
        Optional<String> history = text(HISTORY);
        Map<String, String> sinks = sinkSettings(history);
        return PipelineRequest.builder(suite)
                .bundle(text(BUNDLE).map(EngineSettings::bundle).orElse(null))
                .runsDirectory(text(RUNS_DIRECTORY).map(Path::of)
                        .orElse(suite.outputDirectory() != null ? null : Path.of(DEFAULT_RUNS_DIRECTORY)))
                .repeats(integer(REPEATS).map(EngineSettings::checkRepeats).orElse(null))
                .concurrency(integer(CONCURRENCY).orElse(null))
                .tier(text(TIER).orElse(null))
                .shard(text(SHARD).map(EngineSettings::shard).orElse(null))
                .baseline(BaselineChoice.named(text(BASELINE).orElse(null),
                        text(BASELINES_DIRECTORY).map(Path::of).orElse(null)))
                .allowCorpusChange(bool(ALLOW_CORPUS_CHANGE))
                .backend(backend(cacheMode))
                .cache(new CacheSettings(cacheMode, cacheDirectory))
                .sinkSettings(sinks)
                .wording(EngineWording.WORDING);
    }

    /** The settings the run's sinks and observers read, by the names the command line's options give them. */
    private Map<String, String> sinkSettings(Optional<String> history) {
        Map<String, String> settings = new LinkedHashMap<>();
        history.ifPresent(h -> settings.put("history", h));
        text(OTEL).ifPresent(otel -> {
            if (!otel.equalsIgnoreCase("true") && !otel.equalsIgnoreCase("false") && !otel.startsWith("http://")
                    && !otel.startsWith("https://")) {
                throw new InvalidInputException(null, 0, OTEL, "takes true, false or the collector's OTLP/HTTP base"
                        + " URL, such as http://localhost:4318; was '" + otel + "'");
            }
            settings.put("otel", otel);
        });
        if (bool(OTEL_CONTENT)) {
            settings.put("otel.content", "true");
        }
        return settings;
    }

    private BackendOptions backend(CacheMode cacheMode) {
        Optional<Path> model = text(MODEL).or(() -> Optional.ofNullable(System.getenv(MODEL_ENV))
                .filter(s -> !s.isBlank())).map(Path::of);
        if (model.isPresent() && !Files.isRegularFile(model.get())) {
            throw new InvalidInputException(model.get(), 0, MODEL, "model file not found");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        text(OLLAMA_URL).ifPresent(url -> settings.put(OLLAMA_URL_SETTING, url));
        if (bool(OLLAMA_CONTAINER)) {
            settings.put(OLLAMA_CONTAINER_SETTING, "true");
        }
        integer(OLLAMA_CONCURRENCY).ifPresent(n -> settings.put(OLLAMA_CONCURRENCY_SETTING, Integer.toString(n)));
        text(OPENAI_URL).ifPresent(url -> settings.put(OPENAI_URL_SETTING, url));
        text(OPENAI_KEY_ENV).ifPresent(name -> settings.put(OPENAI_KEY_ENV_SETTING, name));
        integer(OPENAI_CONCURRENCY).ifPresent(n -> settings.put(OPENAI_CONCURRENCY_SETTING, Integer.toString(n)));
        text(BACKEND).ifPresent(b -> settings.put(OLLAMA_FALLBACK_SETTING, switch (b.toLowerCase(Locale.ROOT)) {
            case "auto" -> "embedded";
            case "bundle" -> "none";
            default -> throw new InvalidInputException(null, 0, BACKEND, "must be auto or bundle, was '" + b + "'");
        }));
        if (cacheMode == CacheMode.REPLAY) {
            // Replaying cassettes calls no model: opening Ollama only needs the model's digest, not a load.
            settings.put(OLLAMA_WARM_UP_SETTING, "false");
        }
        return new BackendOptions(model.map(Path::toAbsolutePath), null, text(MODEL_CACHE).map(Path::of).orElse(null),
                settings);
    }

    private Optional<String> text(String key) {
        return config.get(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    private Optional<Integer> integer(String key) {
        return SettingValues.positive(key, config.get(key).orElse(null));
    }

    private boolean bool(String key) {
        return SettingValues.flag(key, config.get(key).orElse(null)).orElse(false);
    }

    private static CacheMode cacheMode(String value) {
        try {
            return CacheMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, CACHE_MODE, e.getMessage());
        }
    }

    private static Path bundle(String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, 0, BUNDLE, "bundle file not found");
        }
        return file;
    }

    private static Shard shard(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, SHARD, e.getMessage());
        }
    }

    private static int checkRepeats(int repeats) {
        if (repeats > Suite.MAX_REPEATS) {
            throw new InvalidInputException(null, 0, REPEATS, "must be between 1 and " + Suite.MAX_REPEATS
                    + ", was " + repeats);
        }
        return repeats;
    }
}
