package dev.evalgate.cli;

import org.slf4j.LoggerFactory;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --verbose} for every command: declared once on {@code evalgate} and inherited by each subcommand, so a
 * new command accepts it too and the help's advice ("rerun with --verbose") holds everywhere. It shows the stack
 * trace of an error (see {@link EvalgateCommand#execute}) and the libraries' debug logs (Ollama client,
 * Testcontainers) on stderr.
 */
final class VerboseMixin {
    /** slf4j-simple's default level, read once when the first logger is made; {@code simplelogger.properties} says warn. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show the stack trace of an error and the libraries' debug logs on stderr.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            debugLogs();
        }
    }

    boolean verbose() {
        return verbose;
    }

    /**
     * Sets the libraries' log level to debug before any of them makes a logger: the level is read once, when logging
     * starts, so the property is put back at once and leaves the rest of the process (a test JVM) as it was.
     */
    private static synchronized void debugLogs() {
        String before = System.getProperty(LOG_LEVEL_PROPERTY);
        System.setProperty(LOG_LEVEL_PROPERTY, "debug");
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            if (before == null) {
                System.clearProperty(LOG_LEVEL_PROPERTY);
            } else {
                System.setProperty(LOG_LEVEL_PROPERTY, before);
            }
        }
    }
}
