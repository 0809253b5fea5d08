package dev.evalgate.cli;

import java.io.PrintWriter;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;

/** Prints the engine's notes on a run ({@code note: ...}, as {@code report} and {@code gate} do) and passes the rest on. */
final class NotePrinter implements RunListener {
    private final RunListener delegate;
    private final PrintWriter err;

    NotePrinter(RunListener delegate, PrintWriter err) {
        this.delegate = delegate;
        this.err = err;
    }

    @Override
    public void runStarted(RunSpec spec, int total, int done) {
        delegate.runStarted(spec, total, done);
    }

    @Override
    public void caseFinished(CaseResult result) {
        delegate.caseFinished(result);
    }

    @Override
    public void runFinished(RunResult result) {
        delegate.runFinished(result);
    }

    @Override
    public void noted(String note) {
        err.println("note: " + note);
        err.flush();
        delegate.noted(note);
    }
}
