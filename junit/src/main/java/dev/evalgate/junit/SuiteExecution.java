package dev.evalgate.junit;

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
import org.opentest4j.TestAbortedException;

import dev.evalgate.engine.Advised;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.ResultsByCase;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.RuleCheck;
import dev.evalgate.engine.gate.Violation;
import dev.evalgate.engine.pipeline.CaseStatus;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineResult;

/**
 * Executes one suite through the engine's {@link Pipeline} and turns its result into test events, so the tests say
 * what {@code evalgate run} says:
 * <ul>
 *   <li>each gate rule is a test, failed when the rule fails the gate, aborted (with the reason) when it could not
 *       be checked and the suite accepts that;</li>
 *   <li>each case is a test with the status {@code junit.xml} gives it ({@link CaseStatus}): a case whose scorers
 *       failed is <em>aborted</em> with their explanations when the gate tolerated it (the gate passed), and
 *       failed when the gate failed;</li>
 *   <li>the suite fails when no case could be evaluated (the command line exits 3 then).</li>
 * </ul>
 */
final class SuiteExecution {
    private static final Map<Path, PipelineResult> LAST_RESULTS = new ConcurrentHashMap<>();

    private final Pipeline pipeline;
    private final EngineSettings settings;

    SuiteExecution(Pipeline pipeline, ConfigurationParameters config) {
        this.pipeline = pipeline;
        this.settings = new EngineSettings(config);
    }

    static Optional<PipelineResult> lastResult(Path suiteFile) {
        return Optional.ofNullable(LAST_RESULTS.get(suiteFile.toAbsolutePath().normalize()));
    }

    void execute(SuiteDescriptor descriptor, EngineExecutionListener listener) {
        listener.executionStarted(descriptor);
        PipelineResult result;
        try {
            Suite suite = new SuiteLoader(pipeline.scorers()).load(descriptor.suiteFile());
            result = pipeline.evaluate(settings.request(suite).build());
        } catch (RuntimeException e) {
            Throwable failure = worded(e);
            for (TestDescriptor child : descriptor.getChildren()) {
                listener.executionSkipped(child, "the suite could not run: " + failure.getMessage());
            }
            listener.executionFinished(descriptor, TestExecutionResult.failed(failure));
            return;
        }
        LAST_RESULTS.put(descriptor.suiteFile(), result);
        RunResult run = result.run();
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("evalgate.run", run.directory().toString());
        entry.put("evalgate.passRate", String.valueOf(run.summary().passRate()));
        result.verdict().ifPresent(v -> entry.put("evalgate.gate", v.passed() ? "passed" : "failed"));
        result.warnings().forEach(w -> entry.put("evalgate.warning", w));
        listener.reportingEntryPublished(descriptor, ReportEntry.from(entry));

        Map<String, List<CaseResult>> byCase = ResultsByCase.of(run.results());
        Map<String, CaseStatus> statuses = result.caseStatuses();
        for (TestDescriptor child : descriptor.getChildren()) {
            if (child instanceof CaseDescriptor test) {
                CaseStatus status = statuses.get(test.caseKey());
                if (status == null) {
                    listener.executionSkipped(test, "not selected in this run (shard or tier)");
                    continue;
                }
                listener.executionStarted(test);
                listener.executionFinished(test, outcome(test.caseKey(), status,
                        byCase.getOrDefault(test.caseKey(), List.of())));
            } else if (child instanceof GateDescriptor gate) {
                executeGate(gate, result.verdict().orElseThrow(), listener);
            }
        }
        try {
            Evaluation.requireEvaluated(run);
        } catch (EvaluationException nothingEvaluated) {
            // The engine's own words: they name a scorer that threw on every case rather than blame the model.
            listener.executionFinished(descriptor, TestExecutionResult.failed(worded(nothingEvaluated)));
            return;
        }
        listener.executionFinished(descriptor, TestExecutionResult.successful());
    }

    /** The engine's advice names settings; here they are the configuration keys a JUnit user can set. */
    static Throwable worded(RuntimeException e) {
        if (!(e instanceof Advised)) {
            return e;
        }
        String words = EngineWording.WORDING.message(e);
        return words.equals(e.getMessage()) ? e : new SuiteFailedException(words, e);
    }

    private static void executeGate(GateDescriptor gate, GateVerdict verdict, EngineExecutionListener listener) {
        listener.executionStarted(gate);
        for (TestDescriptor child : gate.getChildren()) {
            RuleDescriptor rule = (RuleDescriptor) child;
            listener.executionStarted(rule);
            listener.executionFinished(rule, ruleOutcome(rule, verdict));
        }
        listener.executionFinished(gate, TestExecutionResult.successful());
    }

    static TestExecutionResult ruleOutcome(RuleDescriptor rule, GateVerdict verdict) {
        if (rule.index() >= verdict.checks().size()) {
            return TestExecutionResult.aborted(new TestAbortedException("the gate did not check this rule"));
        }
        RuleCheck check = verdict.checks().get(rule.index());
        Optional<Violation> violation = verdict.violations().stream().filter(v -> v.rule().equals(check.rule()))
                .findFirst();
        if (violation.isPresent()) {
            Violation v = violation.get();
            return TestExecutionResult.failed(new AssertionFailedError(v.rule() + ": " + v.message()
                    + (v.caseIds().isEmpty() ? "" : " (cases: " + String.join(", ", v.caseIds())
                    + (v.offendingCases() > v.caseIds().size() ? ", ..." : "") + ")")));
        }
        if (check.status() == RuleCheck.Status.NOT_CHECKED) {
            return TestExecutionResult.aborted(new TestAbortedException(check.rule() + " was not checked: "
                    + check.message()));
        }
        return TestExecutionResult.successful();
    }

    static TestExecutionResult outcome(String caseKey, CaseStatus status, List<CaseResult> results) {
        return switch (status) {
            case PASSED -> TestExecutionResult.successful();
            case TOLERATED -> TestExecutionResult.aborted(new TestAbortedException("tolerated by the gate: "
                    + problems(caseKey, results)));
            case FAILED -> TestExecutionResult.failed(new AssertionFailedError(problems(caseKey, results)));
            case ERRORED -> TestExecutionResult.failed(new EvaluationException(problems(caseKey, results)));
        };
    }

    private static String problems(String caseKey, List<CaseResult> results) {
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
        return caseKey + ": " + String.join("; ", problems);
    }
}
