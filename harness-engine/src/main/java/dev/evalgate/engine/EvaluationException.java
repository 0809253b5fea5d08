package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The evaluation could not be carried out (model unreachable, model missing, every case errored). Maps to
 * {@link ExitCode#EVALUATION_ERROR}; the message says what to do next.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public class EvaluationException extends RuntimeException implements Advised {
    private static final long serialVersionUID = 1L;

    private final transient Advice advice;

    public EvaluationException(String message) {
        super(message);
        this.advice = Advice.text(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
        this.advice = Advice.text(message);
    }

    /** An error whose remedy is a setting (resume the run): each front end words it its own way. */
    public EvaluationException(Advice advice, Throwable cause) {
        super(advice.toString(), cause);
        this.advice = advice;
    }

    /** The message as advice; an error built from plain text is plain text. */
    @Override
    public Advice advice() {
        return advice;
    }
}
