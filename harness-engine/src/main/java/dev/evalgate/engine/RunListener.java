package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Hears about a run's progress; the CLI shows a progress bar, the JUnit engine reports test events. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** @param total results the run will have; @param done those already on disk (a resumed run) */
    default void runStarted(RunSpec spec, int total, int done) {
    }

    default void caseFinished(CaseResult result) {
    }

    default void runFinished(RunResult result) {
    }

    /**
     * Something about the run's files was mended and a person should know: a resumed run whose results file
     * repeats a (case, repeat) keeps the first line and notes the others, as a report or a gate of it would.
     */
    default void noted(String note) {
    }
}
