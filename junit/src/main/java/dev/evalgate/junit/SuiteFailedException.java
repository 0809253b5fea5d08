package dev.evalgate.junit;

/**
 * A suite could not run or evaluated nothing; the message is the engine's, its advice worded in configuration keys.
 * The engine's exception is the cause.
 */
final class SuiteFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SuiteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
