package dev.evalgate.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.SystemUnderTest;
import dev.evalgate.engine.internal.JavaSystemProvider;

/**
 * Runs a suite in-process and returns its {@link RunResult} to assert on, the way JUnit's {@code EngineTestKit}
 * runs an engine. With a {@code replay:} bundle it needs no model at all.
 */
public final class EvalgateTestKit {
    private final Path runsDirectory;
    private Optional<Path> model = Optional.empty();
    private final Map<String, SystemUnderTest> systems = new LinkedHashMap<>();

    private EvalgateTestKit(Path runsDirectory) {
        this.runsDirectory = runsDirectory;
    }

    /** Run directories go under {@code runsDirectory} (a {@code @TempDir}, typically). */
    public static EvalgateTestKit writingRunsTo(Path runsDirectory) {
        return new EvalgateTestKit(runsDirectory);
    }

    /** Replaces every bundle's model with a local model file, like the CLI's {@code --model}. */
    public EvalgateTestKit withModel(Path modelFile) {
        this.model = Optional.of(modelFile.toAbsolutePath());
        return this;
    }

    /**
     * Evaluates an in-process system wherever a bundle says {@code model: java:NAME}, for example a LangChain4j
     * service wrapped in one lambda: {@code withSystemUnderTest("support", request -> assistant.chat(request.prompt()))}.
     */
    public EvalgateTestKit withSystemUnderTest(String name, SystemUnderTest system) {
        systems.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(system, "system"));
        return this;
    }

    public RunResult run(Path suiteFile) {
        ScorerRegistry scorers = ScorerRegistry.load();
        Suite suite = new SuiteLoader(scorers).load(suiteFile);
        List<ModelClientProvider> providers = new ArrayList<>(ModelClients.load().providers().values());
        providers.add(new JavaSystemProvider(systems)); // replaces the one without registered systems
        return new Evaluation(scorers, ModelClients.of(providers.toArray(ModelClientProvider[]::new))).run(EvaluationRequest.of(suite, runsDirectory,
                new BackendOptions(model, null, null, null)), RunListener.NONE);
    }
}
