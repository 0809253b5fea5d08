package dev.evalgate.engine.observe;

import org.apiguardian.api.API;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.TraceId;

/**
 * Watches a run as it happens: the run, each case, and each model or judge call inside a case, with its timing and
 * usage. Telemetry exporters implement it; the engine only calls it. Every method has an empty default, so a
 * method added later never breaks an implementation.
 *
 * <p>{@link #caseStarted}, {@link #modelCalled} and {@link #caseEvaluated} for one case are called on the thread
 * that evaluates it; cases run concurrently, so an implementation keys its state by the case's {@link TraceId}.
 * An observer must not throw: the engine ignores what it throws, and the run goes on.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RunObserver extends AutoCloseable {
    RunObserver NONE = new RunObserver() {
    };

    /** Before the first case; a resumed run starts again with its original spec. */
    default void runStarted(RunSpec spec) {
    }

    /** Before the case's prompt is rendered. */
    default void caseStarted(TraceId traceId) {
    }

    /** After each call of the model under test or of a judge, failed calls included. */
    default void modelCalled(ModelCall call) {
    }

    /** After the case was scored, before its result is stored. */
    default void caseEvaluated(CaseResult result) {
    }

    /** After the run's summary was written; not called when the run stops on an error. */
    default void runFinished(RunResult result) {
    }

    /** Sends what is still buffered and releases the observer; called once, after the run, even a failed one. */
    @Override
    default void close() {
    }
}
