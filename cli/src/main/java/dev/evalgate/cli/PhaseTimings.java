package dev.evalgate.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;

/**
 * Where a run's time went, for the benchmark in {@code bench/}: start (JVM start to the first case: suite, corpus,
 * model), the case loop, and the reports; and the wall-clock time the loop started, so a benchmark can measure
 * start-up from the moment it started the process (launcher script included). Printed to stderr with
 * {@code -Devalgate.timings=true}; otherwise this only passes events on.
 */
final class PhaseTimings implements RunListener {
    static final String PROPERTY = "evalgate.timings";

    private final RunListener delegate;
    private volatile Instant loopStarted;
    private volatile Instant loopFinished;

    private PhaseTimings(RunListener delegate) {
        this.delegate = delegate;
    }

    static PhaseTimings around(RunListener delegate) {
        return new PhaseTimings(delegate);
    }

    @Override
    public void runStarted(RunSpec spec, int total, int done) {
        loopStarted = Instant.now();
        delegate.runStarted(spec, total, done);
    }

    @Override
    public void caseFinished(CaseResult result) {
        delegate.caseFinished(result);
    }

    @Override
    public void runFinished(RunResult result) {
        loopFinished = Instant.now();
        delegate.runFinished(result);
    }

    @Override
    public void noted(String note) {
        delegate.noted(note);
    }

    /** Call once the reports are written. */
    void reportsWritten(PrintStream err) {
        if (!Boolean.getBoolean(PROPERTY) || loopStarted == null || loopFinished == null) {
            return;
        }
        // The JVM's own start time (milliseconds); the process's start time from /proc is only as precise as the
        // boot time it is counted from, which is whole seconds.
        Instant jvmStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        err.printf(Locale.ROOT,
                "timings: start %d ms, loop %d ms, reports %d ms, loop started at %d ms since the epoch%n",
                Duration.between(jvmStarted, loopStarted).toMillis(),
                Duration.between(loopStarted, loopFinished).toMillis(),
                Duration.between(loopFinished, Instant.now()).toMillis(), loopStarted.toEpochMilli());
    }
}
