package dev.evalgate.engine;

/** Hears about a run's progress; the CLI shows a progress bar, the JUnit engine reports test events. */
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
}
