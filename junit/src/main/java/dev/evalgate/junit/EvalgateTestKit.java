package dev.evalgate.junit;

import java.nio.file.Path;
import java.util.Optional;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;

/**
 * Runs a suite in-process and returns its {@link RunResult} to assert on, the way JUnit's {@code EngineTestKit}
 * runs an engine. With a {@code replay:} bundle it needs no model at all.
 */
public final class EvalgateTestKit {
    private final Path runsDirectory;
    private Optional<Path> model = Optional.empty();

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

    public RunResult run(Path suiteFile) {
        ScorerRegistry scorers = ScorerRegistry.load();
        Suite suite = new SuiteLoader(scorers).load(suiteFile);
        return new Evaluation(scorers, ModelClients.load()).run(EvaluationRequest.of(suite, runsDirectory,
                new BackendOptions(model, null, null, null)), RunListener.NONE);
    }
}
