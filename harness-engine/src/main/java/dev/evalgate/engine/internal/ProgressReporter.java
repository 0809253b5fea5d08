package dev.evalgate.engine.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.Wording;

/**
 * Shows a run's progress: a one-line bar redrawn in place on a terminal, plain lines (every 10% or 10 s) in CI logs,
 * where carriage returns would make a mess.
 */
public final class ProgressReporter implements RunListener {
    /**
     * A system property that, when set, says whether the person's standard error is a terminal: set by a resident
     * evalgate, whose own standard error is its log file, for the command it runs for a client.
     */
    public static final String RELAYED_STDERR_TERMINAL = "evalgate.stderr.terminal";
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;
    private long lastPlainNanos;
    private int lastPlainDecile = -1;
    private volatile String runId;
    private boolean noticeGiven;
    /** The command that finishes a run, by run id; a front end words it with the options the run was given. */
    private volatile Function<String, String> resumeAdvice = id -> null;
    /** On Ctrl-C or a kill mid-run: end the bar's line and say that the stored results can be resumed. */
    private final Thread onExit = new Thread(this::printIfUnfinished, "evalgate-progress-on-exit");

    public ProgressReporter(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Says how to finish a stopped run in the front end's own terms, such as {@code evalgate run --resume DIR
     * --model PATH}: whatever the run needed to start (a local model file) it needs again to finish.
     */
    public ProgressReporter withResumeAdvice(Function<String, String> advice) {
        this.resumeAdvice = advice == null ? id -> null : advice;
        return this;
    }

    /** A terminal gets the bar; anything else (a pipe, a CI log) gets plain lines. */
    public static ProgressReporter forStderr() {
        // CI services set CI=true; CI=false (or empty) is someone saying this is not CI.
        String ciVariable = System.getenv("CI");
        boolean ci = ciVariable != null && !ciVariable.isBlank() && !ciVariable.equalsIgnoreCase("false");
        return new ProgressReporter(System.err, stderrIsTerminal() && !ci);
    }

    /**
     * Whether standard error is a terminal. The bar is drawn on stderr, so a run whose results are piped
     * ({@code evalgate run ... | tee log}) should still get it; {@link System#console()} answers for stdin and
     * stdout instead, so on Linux the descriptor is asked directly, and elsewhere the console decides.
     */
    static boolean stderrIsTerminal() {
        // A resident evalgate's own stderr is its log; it passes on whether its client's stderr is a terminal.
        String relayed = System.getProperty(RELAYED_STDERR_TERMINAL);
        if (relayed != null) {
            return Boolean.parseBoolean(relayed);
        }
        return isTerminal(stderrLink(), System.console() != null);
    }

    /** Where this process's standard error leads, from Linux's /proc ("/dev/pts/3", a file, a pipe), or null. */
    private static String stderrLink() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            return Files.isSymbolicLink(fd) ? Files.readSymbolicLink(fd).toString() : null;
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or /proc is not readable: the console decides
        }
    }

    /**
     * Whether a standard error that leads to {@code link} (null where that is not known) is a terminal, in a process
     * that has a console or not: for this process, or for a resident evalgate's client, which sends both.
     */
    public static boolean isTerminal(String link, boolean console) {
        if (link != null) {
            return link.startsWith("/dev/pts/") || link.startsWith("/dev/tty");
        }
        return console;
    }

    @Override
    public void runStarted(RunSpec spec, int total, int done) {
        this.total = total;
        this.finished.set(done);
        this.startNanos = System.nanoTime();
        this.runId = spec.runId();
        if (done < total) {
            try {
                Runtime.getRuntime().addShutdownHook(onExit);
            } catch (IllegalArgumentException | IllegalStateException alreadyRegisteredOrExiting) {
                // a second run through the same reporter (compare) or a JVM already exiting: nothing to add
            }
        }
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
                runEnded();
            }
            out.flush();
            return;
        }
        if (n == total) {
            runEnded();
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

    /** What to print when the process ends before every result is in, or null when the run finished. */
    synchronized String unfinishedNotice() {
        int n = finished.get();
        if (runId == null || n >= total) {
            return null;
        }
        String advice = resumeAdvice.apply(runId);
        return String.format(Locale.ROOT, "%sevalgate: stopped after %d of %d results; run %s keeps them: finish it"
                + " with %s%n", interactive ? "\n" : "", n, total, runId, advice != null ? "'" + advice + "'"
                : Wording.ENGINE.of(Setting.RESUME, "RUN_DIR") + " on that run's directory");
    }

    /**
     * Says it now, when the command that ran the run ends with the run unfinished (it failed midway), and lets go
     * of the shutdown hook. A JVM that outlives its commands (a resident evalgate) would otherwise say it only at
     * its own exit, to nobody, and keep every such reporter for its whole life. Once is enough: later calls and the
     * hook say nothing more.
     */
    public void commandEnded() {
        printIfUnfinished();
        runEnded();
    }

    private synchronized void printIfUnfinished() {
        if (noticeGiven) {
            return;
        }
        String notice = unfinishedNotice();
        if (notice != null) {
            noticeGiven = true;
            out.print(notice);
            out.flush();
        }
    }

    private void runEnded() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down; the hook sees a finished run and prints nothing
        }
    }
}
