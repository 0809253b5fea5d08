package dev.evalgate.junit;

/**
 * The configuration parameters of the evalgate test engine, all in one place. Set them in
 * {@code junit-platform.properties}, as system properties, or with the Launcher's {@code configurationParameter}.
 */
public final class EvalgateEngineConfig {
    /** The engine's id: {@code -Djunit.platform...} and Launcher filters refer to it. */
    public static final String ENGINE_ID = "evalgate";

    /** Comma-separated suite files to run when no file or directory is selected explicitly. */
    public static final String SUITES = "evalgate.suites";

    /** A local model file replacing every bundle's model, like the CLI's {@code --model}. */
    public static final String MODEL = "evalgate.model";

    /** Where run directories are written; default: the suite's {@code output}, else {@code target/evalgate-runs}. */
    public static final String RUNS_DIRECTORY = "evalgate.runs.directory";

    public static final String DEFAULT_RUNS_DIRECTORY = "target/evalgate-runs";

    /** File names the engine recognises as suites when a directory is selected. */
    public static final String SUITE_FILE_SUFFIX = "suite.yaml";

    private EvalgateEngineConfig() {
    }
}
