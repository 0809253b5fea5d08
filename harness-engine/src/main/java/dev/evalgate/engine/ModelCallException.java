package dev.evalgate.engine;

/**
 * A model call failed. {@link #isTransient()} tells the runner whether trying again may help (connection refused,
 * HTTP 5xx, timeout) or not (model not found, bad request).
 */
public class ModelCallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public ModelCallException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public ModelCallException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
