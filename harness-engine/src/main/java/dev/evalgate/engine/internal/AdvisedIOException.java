package dev.evalgate.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.Advised;

/** A run's files could not be written, with what to do next in settings each front end words its own way. */
public final class AdvisedIOException extends UncheckedIOException implements Advised {
    private static final long serialVersionUID = 1L;

    private final transient Advice advice;

    public AdvisedIOException(Advice advice, IOException cause) {
        super(advice.toString(), cause);
        this.advice = advice;
    }

    @Override
    public Advice advice() {
        return advice;
    }
}
