package dev.evalgate.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.AssertionFailedError;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;

/** Executes one suite through the engine and reports each case's results as that case's test outcome. */
final class SuiteExecution {
    private static final Map<Path, RunResult> LAST_RUNS = new ConcurrentHashMap<>();

    private final Evaluation evaluation;
    private final ConfigurationParameters config;

    SuiteExecution(Evaluation evaluation, ConfigurationParameters config) {
        this.evaluation = evaluation;
        this.config = config;
    }

    static Optional<RunResult> lastRun(Path suiteFile) {
        return Optional.ofNullable(LAST_RUNS.get(suiteFile.toAbsolutePath().normalize()));
    }

    void execute(SuiteDescriptor descriptor, EngineExecutionListener listener) {
        listener.executionStarted(descriptor);
        RunResult run;
        try {
            Suite suite = new SuiteLoader(ScorerRegistry.load()).load(descriptor.suiteFile());
            Optional<Path> model = config.get(EvalgateEngineConfig.MODEL).filter(s -> !s.isBlank()).map(Path::of);
            if (model.isPresent() && !Files.isRegularFile(model.get())) {
                throw new InvalidInputException(model.get(), 0, EvalgateEngineConfig.MODEL, "model file not found");
            }
            Path runs = config.get(EvalgateEngineConfig.RUNS_DIRECTORY).map(Path::of)
                    .or(() -> java.util.Optional.ofNullable(suite.outputDirectory()))
                    .orElse(Path.of(EvalgateEngineConfig.DEFAULT_RUNS_DIRECTORY));
            run = evaluation.run(EvaluationRequest.of(suite, runs,
                    new BackendOptions(model.map(Path::toAbsolutePath), null, null, null)), RunListener.NONE);
        } catch (RuntimeException e) {
            for (TestDescriptor child : descriptor.getChildren()) {
                listener.executionSkipped(child, "the suite could not run: " + e.getMessage());
            }
            listener.executionFinished(descriptor, TestExecutionResult.failed(e));
            return;
        }
        LAST_RUNS.put(descriptor.suiteFile(), run);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(Map.of(
                "evalgate.run", run.directory().toString(),
                "evalgate.passRate", String.valueOf(run.summary().passRate()))));
        Map<String, List<CaseResult>> byCase = new LinkedHashMap<>();
        for (CaseResult result : run.results()) {
            byCase.computeIfAbsent(result.key(), k -> new ArrayList<>()).add(result);
        }
        for (TestDescriptor child : descriptor.getChildren()) {
            CaseDescriptor test = (CaseDescriptor) child;
            listener.executionStarted(test);
            List<CaseResult> results = byCase.getOrDefault(test.caseKey(), List.of());
            listener.executionFinished(test, outcome(test.caseKey(), results));
        }
        listener.executionFinished(descriptor, TestExecutionResult.successful());
    }

    static TestExecutionResult outcome(String caseKey, List<CaseResult> results) {
        if (results.isEmpty()) {
            return TestExecutionResult.aborted(new IllegalStateException("case " + caseKey + " was not run"));
        }
        List<String> problems = new ArrayList<>();
        for (CaseResult r : results) {
            if (r.error() != null) {
                problems.add("repeat " + r.repeat() + ": error: " + r.error());
            }
            for (Score s : r.scores()) {
                if (!s.passed()) {
                    problems.add("repeat " + r.repeat() + ": " + s.name() + " failed: " + s.explanation());
                }
            }
        }
        if (problems.isEmpty()) {
            return TestExecutionResult.successful();
        }
        return TestExecutionResult.failed(new AssertionFailedError(caseKey + ": " + String.join("; ", problems)));
    }
}
