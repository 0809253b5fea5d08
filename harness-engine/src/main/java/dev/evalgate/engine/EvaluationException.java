package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The evaluation could not be carried out (model unreachable, model missing, every case errored). Maps to
 * {@link ExitCode#EVALUATION_ERROR}; the message says what to do next.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
