package dev.evalgate.models.endpoint;

import java.time.Duration;
import java.util.Optional;

import dev.evalgate.engine.ModelCallException;

/**
 * Turns an HTTP error status into a model-call failure the runner can act on: 408, 425, 429 and 5xx are transient
 * (the runner retries them with backoff, waiting at least as long as {@code Retry-After} asks); every other status
 * is final, since sending the same request again gets the same answer.
 */
public final class StatusFailure {
    private StatusFailure() {
    }

    public static boolean isTransient(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * @param what       the server, as messages name it
     * @param reason     the server's own explanation, already an excerpt with secrets masked
     * @param finalAdvice what to do about a final (non-transient) failure
     */
    public static ModelCallException of(String what, int status, String reason, Optional<Duration> retryAfter,
                                        String finalAdvice) {
        String message = what + " answered HTTP " + status + " (" + (reason.isBlank() ? "empty body" : reason) + ")";
        if (!isTransient(status)) {
            return new ModelCallException(message + "; " + finalAdvice, false);
        }
        if (retryAfter.isPresent()) {
            return new ModelCallException(message + "; it asked to retry after " + retryAfter.get().toMillis()
                    + " ms", retryAfter.get());
        }
        return new ModelCallException(message, true);
    }
}
