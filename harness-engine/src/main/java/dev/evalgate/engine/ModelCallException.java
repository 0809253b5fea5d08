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
public class ModelCallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final Duration retryAfter;

    public ModelCallException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfter = null;
    }

    /**
     * A transient failure for which the server said when to come back (HTTP 429 or 503 with {@code Retry-After}):
     * the runner waits at least that long before the next attempt.
     */
    public ModelCallException(String message, Duration retryAfter) {
        super(message);
        this.transientFailure = true;
        this.retryAfter = retryAfter;
    }

    public ModelCallException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = cause instanceof ModelCallException call ? call.retryAfter : null;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** How long the server asked to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
