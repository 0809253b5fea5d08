package dev.evalgate.engine;

/**
 * The evaluation could not be carried out (model unreachable, model missing, every case errored). Maps to
 * {@link ExitCode#EVALUATION_ERROR}; the message says what to do next.
 */
public class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
