package dev.evalgate.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.SystemUnderTest;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.internal.JavaSystemProvider;
import dev.evalgate.engine.pipeline.BaselineChoice;
import dev.evalgate.engine.pipeline.CacheSettings;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineRequest;
import dev.evalgate.engine.pipeline.PipelineResult;
import dev.evalgate.engine.sink.ReportRenderers;
import dev.evalgate.engine.sink.RunSinks;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Runs a suite in-process through the engine's {@link Pipeline}, the way JUnit's {@code EngineTestKit} runs an
 * engine, and returns the run, the comparison and the gate's verdict to assert on: the same verdict
 * {@code evalgate run} gives. Scorers, backends and model clients can be injected, so a team's own Java system
 * under test can answer a suite's cases:
 * <pre>{@code
 * PipelineResult result = EvalgateTestKit.writingRunsTo(tmp)
 *         .withSystemUnderTest("my-system", request -> mySystem.answer(request.prompt()))  // model: java:my-system
 *         .withScorer("polite", ctx -> ...)
 *         .withBaseline(baselineRun)
 *         .evaluate(Path.of("suite.yaml"));
 * assertThat(result.passed()).isTrue();
 * }</pre>
 * Unlike the command line, the kit uses no inference cache and records no run history unless asked; the reports on
 * the class path are written into each run directory.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class EvalgateTestKit {
    private final Path runsDirectory;
    private Optional<Path> model = Optional.empty();
    private final Map<String, ScorerProvider> scorers = new LinkedHashMap<>();
    private final Map<String, ModelClientProvider> backends = new LinkedHashMap<>();
    private final Map<String, SystemUnderTest> systems = new LinkedHashMap<>();
    private BaselineChoice baseline = BaselineChoice.NONE;
    private String tier;
    private Integer repeats;
    private CacheSettings cache = CacheSettings.OFF;

    private EvalgateTestKit(Path runsDirectory) {
        this.runsDirectory = runsDirectory;
    }

    /** Run directories go under {@code runsDirectory} (a {@code @TempDir}, typically). */
    public static EvalgateTestKit writingRunsTo(Path runsDirectory) {
        return new EvalgateTestKit(Objects.requireNonNull(runsDirectory, "runsDirectory"));
    }

    /** Replaces every bundle's model with a local model file, like the command line's {@code --model}. */
    public EvalgateTestKit withModel(Path modelFile) {
        Objects.requireNonNull(modelFile, "modelFile");
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("model file " + modelFile.toAbsolutePath() + " does not exist or is "
                    + "not a file");
        }
        this.model = Optional.of(modelFile.toAbsolutePath());
        return this;
    }

    /** Adds a scorer type (or replaces one on the class path) that suites name under its {@code type()}. */
    public EvalgateTestKit withScorer(ScorerProvider provider) {
        Objects.requireNonNull(provider, "provider");
        requireName(provider.type(), "scorer type");
        scorers.put(provider.type(), provider);
        return this;
    }

    /** A scorer without parameters, used wherever a suite says {@code type: TYPE}. */
    public EvalgateTestKit withScorer(String type, Scorer scorer) {
        requireName(type, "scorer type");
        Objects.requireNonNull(scorer, "scorer");
        return withScorer(new ScorerProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Scorer create(ScorerParams params, JudgeModels models) {
                return scorer;
            }
        });
    }

    /**
     * Evaluates an in-process system wherever a bundle says {@code model: java:NAME}, for example a LangChain4j
     * service wrapped in one lambda: {@code withSystemUnderTest("support", request -> assistant.chat(request.prompt()))}.
     */
    public EvalgateTestKit withSystemUnderTest(String name, SystemUnderTest system) {
        requireName(name, "system name");
        systems.put(name, Objects.requireNonNull(system, "system"));
        return this;
    }

    /** Adds a backend (or replaces one on the class path) that bundles name as {@code BACKEND:...}. */
    public EvalgateTestKit withBackend(ModelClientProvider provider) {
        Objects.requireNonNull(provider, "provider");
        requireName(provider.backend(), "backend name");
        backends.put(provider.backend(), provider);
        return this;
    }

    /**
     * Answers every model reference of the named backend with this client: a bundle whose model is
     * {@code inproc:anything} is answered by {@code withModelClient("inproc", client)}. The kit never closes the
     * client; its owner does.
     */
    public EvalgateTestKit withModelClient(String backend, ModelClient client) {
        requireName(backend, "backend name");
        Objects.requireNonNull(client, "client");
        return withBackend(new ModelClientProvider() {
            @Override
            public String backend() {
                return backend;
            }

            @Override
            public ModelClient open(ModelRef ref, BackendOptions options) {
                return new Unclosed(client);
            }
        });
    }

    /** Compares every run with this baseline run and applies the suite's gate to the comparison. */
    public EvalgateTestKit withBaseline(RunResult baselineRun) {
        this.baseline = BaselineChoice.of(Objects.requireNonNull(baselineRun, "baselineRun"));
        return this;
    }

    /** Compares with a stored baseline: a name under the suite's baselines, or a run directory. */
    public EvalgateTestKit withBaseline(String nameOrDirectory) {
        requireName(nameOrDirectory, "baseline");
        this.baseline = BaselineChoice.named(nameOrDirectory, null);
        return this;
    }

    /** Runs only this tier of the suite ({@code smoke}, {@code full}, ...). */
    public EvalgateTestKit withTier(String tierName) {
        requireName(tierName, "tier");
        this.tier = tierName;
        return this;
    }

    public EvalgateTestKit withRepeats(int n) {
        if (n < 1 || n > Suite.MAX_REPEATS) {
            throw new IllegalArgumentException("repeats must be between 1 and " + Suite.MAX_REPEATS + ", was " + n);
        }
        this.repeats = n;
        return this;
    }

    /** Uses the inference cache in {@code directory} (off by default, so each test measures the model afresh). */
    public EvalgateTestKit withCache(CacheMode mode, Path directory) {
        this.cache = CacheSettings.of(Objects.requireNonNull(mode, "mode"),
                Objects.requireNonNull(directory, "directory"));
        return this;
    }

    /** Runs the suite, compares with the baseline if one was given, and applies its gate. */
    public PipelineResult evaluate(Path suiteFile) {
        Objects.requireNonNull(suiteFile, "suiteFile");
        if (!Files.isRegularFile(suiteFile)) {
            throw new IllegalArgumentException("suite file " + suiteFile.toAbsolutePath() + " does not exist or is "
                    + "not a file");
        }
        Pipeline pipeline = pipeline();
        Suite suite = new SuiteLoader(pipeline.scorers()).load(suiteFile);
        return pipeline.evaluate(PipelineRequest.builder(suite).runsDirectory(runsDirectory).tier(tier)
                .repeats(repeats).baseline(baseline).backend(new BackendOptions(model, null, null, null))
                .cache(cache).build());
    }

    /** Runs the suite and returns only its run; {@link #evaluate} also gives the comparison and the verdict. */
    public RunResult run(Path suiteFile) {
        return evaluate(suiteFile).run();
    }

    private Pipeline pipeline() {
        List<ScorerProvider> allScorers = new ArrayList<>(ScorerRegistry.load().providers().values());
        allScorers.removeIf(p -> scorers.containsKey(p.type()));
        allScorers.addAll(scorers.values());
        List<ModelClientProvider> allBackends = new ArrayList<>(ModelClients.load().providers().values());
        allBackends.add(new JavaSystemProvider(systems)); // replaces the one without registered systems
        allBackends.removeIf(p -> backends.containsKey(p.backend()));
        allBackends.addAll(backends.values());
        return new Pipeline(ScorerRegistry.of(allScorers.toArray(ScorerProvider[]::new)),
                ModelClients.of(allBackends.toArray(ModelClientProvider[]::new)), ReportRenderers.load(),
                new RunSinks(List.of()));
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
    }

    /** A user's client seen through the run, which closes what it opens: the user's client stays open. */
    private record Unclosed(ModelClient client) implements ModelClient {
        @Override
        public ModelInfo info() {
            return client.info();
        }

        @Override
        public Completion complete(ModelRequest request) throws dev.evalgate.engine.ModelCallException {
            return client.complete(request);
        }

        @Override
        public int maxConcurrency() {
            return client.maxConcurrency();
        }

        @Override
        public boolean honoursSeed() {
            return client.honoursSeed();
        }
    }
}
