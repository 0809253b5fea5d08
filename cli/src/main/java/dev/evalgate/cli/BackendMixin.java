package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.cache.CacheStats;
import dev.evalgate.engine.pipeline.CacheSettings;
import dev.evalgate.engine.pipeline.CacheSummary;
import dev.evalgate.models.llamacpp.LlamaCppSettings;
import dev.evalgate.models.ollama.OllamaSettings;
import dev.evalgate.models.openai.OpenAiSettings;

/**
 * Where a bundle's model is served (Ollama's URL, a container, automatic choice) and how the inference cache is
 * used. Shared by every command that calls a model; the settings go to the backends through
 * {@link BackendOptions#settings()}, the cache wraps every client the run opens (model under test and judge).
 */
public final class BackendMixin {
    static final String CACHE_MODE_ENV = "EVALGATE_CACHE_MODE";
    /**
     * On by default: rerunning an unchanged bundle (a developer iterating on one prompt of two, a CI retry) costs
     * no model calls. Entries are keyed by the model's fingerprint, parameters, seed and the whole request, so a
     * changed prompt or model never gets a stale output; {@code --no-cache} measures the model afresh.
     */
    static final CacheMode DEFAULT_MODE = CacheMode.READWRITE;
    /** Under the model cache directory unless {@code --cache-dir} says otherwise. */
    static final String INFERENCE_SUBDIRECTORY = CacheSettings.INFERENCE_SUBDIRECTORY;

    @Option(names = "--ollama-url", paramLabel = "URL",
            description = "Ollama server for bundles that name an ollama: model (default: $OLLAMA_HOST, else "
                    + "http://localhost:11434).")
    String ollamaUrl;

    @Option(names = "--ollama-container",
            description = "Start Ollama in Docker through Testcontainers (image " + OllamaSettings.DEFAULT_IMAGE
                    + "), pull the model once into the Docker volume evalgate-ollama-models and use it. For CI "
                    + "runners with Docker and no Ollama.")
    boolean ollamaContainer;

    @Option(names = "--ollama-concurrency", paramLabel = "N",
            description = "Calls in flight at once against the Ollama server, shared by the model under test and a "
                    + "judge on the same server (default " + OllamaSettings.DEFAULT_MAX_CONCURRENCY + ").")
    Integer ollamaConcurrency;

    @Option(names = "--openai-url", paramLabel = "URL",
            description = "API root of the OpenAI-compatible server for bundles that name an openai: model, e.g. "
                    + "http://localhost:8080/v1 for llama-server (default: $" + OpenAiSettings.BASE_URL_ENV + ", else "
                    + OpenAiSettings.DEFAULT_URL + ").")
    String openAiUrl;

    @Option(names = "--openai-key-env", paramLabel = "NAME",
            description = "Environment variable that holds the API key for openai: models (default "
                    + OpenAiSettings.DEFAULT_KEY_ENV + "). The key is only ever read from the environment.")
    String openAiKeyEnv;

    @Option(names = "--openai-concurrency", paramLabel = "N",
            description = "Calls in flight at once against the OpenAI-compatible server (default "
                    + OpenAiSettings.DEFAULT_MAX_CONCURRENCY + ").")
    Integer openAiConcurrency;

    @Option(names = "--openai-no-stream",
            description = "Ask the OpenAI-compatible server for one JSON answer per call instead of a server-sent "
                    + "event stream, for servers that cannot stream (no time to first token then).")
    boolean openAiNoStream;

    @Option(names = "--backend", paramLabel = "auto|bundle",
            description = "bundle (default): the backend the bundle names. auto: a bundle that names an ollama: "
                    + "model runs on Ollama if a server answers, else on the embedded engine (its catalog "
                    + "equivalent, or --model PATH).")
    String backend;

    @Option(names = "--cache-mode", paramLabel = "MODE",
            description = "Inference cache: readwrite serves repeated requests from the cache and stores new ones "
                    + "(a rerun of an unchanged bundle makes no model calls); record calls the model for every "
                    + "request and (re)writes the entries; replay never calls the model and fails a request that has "
                    + "no entry (proves in CI that no prompt changed without re-recording); off. Default readwrite. Also env "
                    + CACHE_MODE_ENV + ".")
    String cacheMode;

    @Option(names = "--no-cache", description = "Call the model for every request, without reading or writing the "
            + "cache (same as --cache-mode off; overrides " + CACHE_MODE_ENV + ").")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where cached completions live, one JSON file per request; commit it to use it as "
                    + "cassettes (default: the model cache directory's " + INFERENCE_SUBDIRECTORY + "/).")
    Path cacheDir;

    /** The command this group belongs to, to find {@code --verbose} on the command line's root. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Adds this group's backend settings to those the model options pass on. */
    void addSettings(Map<String, String> settings) {
        if (verbose()) {
            settings.put(LlamaCppSettings.NATIVE_LOG, "true"); // what llama.cpp read, or why it could not load
        }
        if (ollamaUrl != null) {
            settings.put(OllamaSettings.URL, ollamaUrl);
        }
        if (ollamaConcurrency != null) {
            if (ollamaConcurrency < 1) {
                throw new InvalidInputException(null, 0, "--ollama-concurrency", "must be at least 1");
            }
            settings.put(OllamaSettings.MAX_CONCURRENCY, Integer.toString(ollamaConcurrency));
        }
        if (openAiUrl != null) {
            settings.put(OpenAiSettings.URL, openAiUrl);
        }
        if (openAiKeyEnv != null) {
            settings.put(OpenAiSettings.KEY_ENV, openAiKeyEnv);
        }
        if (openAiConcurrency != null) {
            if (openAiConcurrency < 1) {
                throw new InvalidInputException(null, 0, "--openai-concurrency", "must be at least 1");
            }
            settings.put(OpenAiSettings.MAX_CONCURRENCY, Integer.toString(openAiConcurrency));
        }
        if (openAiNoStream) {
            settings.put(OpenAiSettings.STREAM, "false");
        }
        if (ollamaContainer) {
            settings.put(OllamaSettings.CONTAINER, "true");
        }
        if (cacheMode() == CacheMode.REPLAY) {
            // Replaying cassettes calls no model: opening Ollama only needs the model's digest, not a load.
            settings.put(OllamaSettings.WARM_UP, "false");
        }
        if (backend != null) {
            switch (backend.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> settings.put(OllamaSettings.FALLBACK, "embedded");
                case "bundle" -> settings.put(OllamaSettings.FALLBACK, "none");
                default -> throw new InvalidInputException(null, 0, "--backend",
                        "must be auto or bundle, was '" + backend + "'");
            }
        }
    }

    private boolean verbose() {
        return mixee != null && mixee.root().userObject() instanceof EvalgateCommand root && root.verbosity != null
                && root.verbosity.verbose();
    }

    CacheMode cacheMode() {
        if (noCache) {
            if (cacheMode != null && CacheMode.parse(cacheMode) != CacheMode.OFF) {
                throw new InvalidInputException(null, 0, "--no-cache", "contradicts --cache-mode " + cacheMode
                        + "; give one of them");
            }
            return CacheMode.OFF;
        }
        String text = cacheMode != null ? cacheMode : System.getenv(CACHE_MODE_ENV);
        if (text == null || text.isBlank()) {
            // Naming a cache directory is asking for a cache.
            return cacheDir != null ? CacheMode.READWRITE : DEFAULT_MODE;
        }
        try {
            return CacheMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, cacheMode != null ? "--cache-mode" : CACHE_MODE_ENV,
                    e.getMessage());
        }
    }

    Path cacheDirectory(BackendOptions options) {
        return cacheSettings().directory(options);
    }

    /** The cache as the pipeline uses it: this mode, in {@code --cache-dir} or under the model cache. */
    CacheSettings cacheSettings() {
        return CacheSettings.of(cacheMode(), cacheDir);
    }

    /** One line on what the cache did, and a warning when it could not store entries. */
    static void printCacheSummary(Optional<CacheSummary> summary, PrintWriter out) {
        if (summary.isEmpty()) {
            return;
        }
        CacheStats stats = summary.get().stats();
        out.printf(Locale.ROOT, "  cache %s at %s: %d served from cache, %d model calls, %d entries written%n",
                summary.get().mode().flagValue(), summary.get().directory(), stats.hits(), stats.modelCalls(),
                stats.recorded());
        if (stats.writeFailures() > 0) {
            out.printf(Locale.ROOT, "  warning: %d completions could not be cached (first: %s); check that the"
                    + " cache directory is writable or run with --no-cache%n", stats.writeFailures(),
                    stats.firstWriteError());
        }
        out.flush();
    }
}
