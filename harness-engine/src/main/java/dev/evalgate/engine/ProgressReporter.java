package dev.evalgate.engine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows a run's progress: a one-line bar redrawn in place on a terminal, plain lines (every 10% or 10 s) in CI logs,
 * where carriage returns would make a mess.
 */
public final class ProgressReporter implements RunListener {
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;
    private long lastPlainNanos;
    private int lastPlainDecile = -1;

    public ProgressReporter(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A terminal gets the bar; anything else (a pipe, a CI log) gets plain lines. */
    public static ProgressReporter forStderr() {
        boolean ci = System.getenv("CI") != null;
        return new ProgressReporter(System.err, System.console() != null && !ci);
    }

    @Override
    public void runStarted(RunSpec spec, int total, int done) {
        this.total = total;
        this.finished.set(done);
        this.startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "evalgate: run %s: %s on %s (%s), %d results to produce%s%n", spec.runId(),
                spec.bundle().label(), spec.model().model(), spec.model().backend(), total - done,
                done > 0 ? ", " + done + " already done" : "");
    }

    @Override
    public synchronized void caseFinished(CaseResult result) {
        int n = finished.incrementAndGet();
        if (!result.passed()) {
            failed.incrementAndGet();
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (interactive) {
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) n * width / total);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %d not passed  %.1fs", "#".repeat(filled),
                    " ".repeat(width - filled), n, total, failed.get(), elapsed);
            if (n == total) {
                out.println();
            }
            out.flush();
            return;
        }
        int decile = total == 0 ? 10 : (int) ((long) n * 10 / total);
        long now = System.nanoTime();
        if (decile != lastPlainDecile || now - lastPlainNanos > PLAIN_INTERVAL_NANOS || n == total) {
            lastPlainDecile = decile;
            lastPlainNanos = now;
            out.printf(Locale.ROOT, "evalgate: %d/%d results (%d not passed), %.1fs%n", n, total, failed.get(),
                    elapsed);
        }
    }
}
