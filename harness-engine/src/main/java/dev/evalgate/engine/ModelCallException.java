package dev.evalgate.engine;

import java.time.Duration;
import java.util.Optional;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A model call failed. {@link #isTransient()} tells the runner whether trying again may help (connection refused,
 * HTTP 5xx, timeout) or not (model not found, bad request).
 */
@API(status = STABLE, since = "0.1.0")
public class ModelCallException extends Exception implements Advised {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final Duration retryAfter;
    private final transient Advice advice;

    public ModelCallException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfter = null;
        this.advice = Advice.text(message);
    }

    /** A failure whose remedy is a setting (record the cache again): each front end words it its own way. */
    public ModelCallException(Advice advice, boolean transientFailure, Throwable cause) {
        super(advice.toString(), cause);
        this.transientFailure = transientFailure;
        this.retryAfter = cause instanceof ModelCallException call ? call.retryAfter : null;
        this.advice = advice;
    }

    /**
     * A transient failure for which the server said when to come back (HTTP 429 or 503 with {@code Retry-After}):
     * the runner waits at least that long before the next attempt.
     */
    public ModelCallException(String message, Duration retryAfter) {
        super(message);
        this.transientFailure = true;
        this.retryAfter = retryAfter;
        this.advice = Advice.text(message);
    }

    public ModelCallException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = cause instanceof ModelCallException call ? call.retryAfter : null;
        this.advice = Advice.text(message);
    }

    /** The message as advice; a failure built from plain text is plain text. */
    @Override
    public Advice advice() {
        return advice;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** How long the server asked to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
