package dev.evalgate.junit;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The configuration parameters of the evalgate test engine, all in one place. Set them in
 * {@code junit-platform.properties}, as system properties ({@code -Devalgate.baseline=main}), or with the
 * Launcher's {@code configurationParameter}. Each mirrors an option of {@code evalgate run}, so a suite run as
 * JUnit tests reaches the same verdict as the same suite run from the command line.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class EvalgateEngineConfig {
    /** The engine's id: {@code -Djunit.platform...} and Launcher filters refer to it. */
    public static final String ENGINE_ID = "evalgate";

    /** Comma-separated suite files to run when no file or directory is selected explicitly. */
    public static final String SUITES = "evalgate.suites";

    /** Evaluates this bundle file instead of each suite's, like {@code --bundle}: a candidate prompt in CI. */
    public static final String BUNDLE = "evalgate.bundle";

    /** A local model file replacing every bundle's model, like {@code --model} (default: {@code EVALGATE_MODEL}). */
    public static final String MODEL = "evalgate.model";

    /** Where downloaded models are kept, like {@code --model-cache}. */
    public static final String MODEL_CACHE = "evalgate.model.cache";

    /** Where run directories are written, like {@code --out}; default: the suite's {@code output}, else
     * {@value #DEFAULT_RUNS_DIRECTORY}. */
    public static final String RUNS_DIRECTORY = "evalgate.runs.directory";

    public static final String DEFAULT_RUNS_DIRECTORY = "target/evalgate-runs";

    /** The baseline to compare with, a name under the suite's baselines or a run directory, like {@code --baseline}. */
    public static final String BASELINE = "evalgate.baseline";

    /** Where named baselines are stored, like {@code --baselines-dir}. */
    public static final String BASELINES_DIRECTORY = "evalgate.baselines.directory";

    /** {@code true} to compare with a baseline of another corpus version, like {@code --allow-corpus-change}. */
    public static final String ALLOW_CORPUS_CHANGE = "evalgate.baseline.allowCorpusChange";

    /** Run only this tier of each suite ({@code smoke}, {@code full}, ...), like {@code --tier}. */
    public static final String TIER = "evalgate.tier";

    /** Run only shard {@code I/N} of the cases, like {@code --shard}. */
    public static final String SHARD = "evalgate.shard";

    /** Runs every case N times, like {@code --repeats}. */
    public static final String REPEATS = "evalgate.repeats";

    /** Cases in flight at once, like {@code --concurrency}. */
    public static final String CONCURRENCY = "evalgate.concurrency";

    /** The inference cache: {@code readwrite} (default), {@code record}, {@code replay} or {@code off}, like
     * {@code --cache-mode}. */
    public static final String CACHE_MODE = "evalgate.cache.mode";

    /** Where cached completions live, like {@code --cache-dir}; default: {@code inference/} in the model cache. */
    public static final String CACHE_DIRECTORY = "evalgate.cache.directory";

    /** The Ollama server for {@code ollama:} bundles, like {@code --ollama-url}. */
    public static final String OLLAMA_URL = "evalgate.ollama.url";

    /** {@code true} to start Ollama in Docker through Testcontainers, like {@code --ollama-container}. */
    public static final String OLLAMA_CONTAINER = "evalgate.ollama.container";

    /** Calls in flight at once against Ollama, like {@code --ollama-concurrency}. */
    public static final String OLLAMA_CONCURRENCY = "evalgate.ollama.concurrency";

    /** The API root of the OpenAI-compatible server for {@code openai:} bundles, like {@code --openai-url}. */
    public static final String OPENAI_URL = "evalgate.openai.url";

    /** The environment variable holding the API key for {@code openai:} bundles, like {@code --openai-key-env}. */
    public static final String OPENAI_KEY_ENV = "evalgate.openai.keyEnv";

    /** Calls in flight at once against the OpenAI-compatible server, like {@code --openai-concurrency}. */
    public static final String OPENAI_CONCURRENCY = "evalgate.openai.concurrency";

    /** {@code auto} or {@code bundle} (default), like {@code --backend}. */
    public static final String BACKEND = "evalgate.backend";

    /** The run history to record in and read drift rules from, like {@code --history}; {@code off} records
     * nothing. Needs the {@code evalgate-history} module on the test class path. */
    public static final String HISTORY = "evalgate.history";

    /** Export each run to OpenTelemetry, like {@code --otel}: {@code true} (the collector the standard
     * {@code OTEL_EXPORTER_OTLP_*} variables name, else {@code http://localhost:4318}), {@code false}, or the
     * collector's OTLP/HTTP base URL. Needs the {@code evalgate-otel} module on the test class path. */
    public static final String OTEL = "evalgate.otel";

    /** Attach prompts and outputs to the exported call spans, like {@code --otel-content}: {@code true} or
     * {@code false} (default, for privacy). */
    public static final String OTEL_CONTENT = "evalgate.otel.content";

    /** File names the engine recognises as suites when a directory is selected. */
    public static final String SUITE_FILE_SUFFIX = "suite.yaml";

    private EvalgateEngineConfig() {
    }
}
