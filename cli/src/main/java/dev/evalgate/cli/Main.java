package dev.evalgate.cli;

import dev.evalgate.engine.ExitCode;

/**
 * The {@code evalgate} executable. Ends with {@link System#exit} on purpose, whatever happens: the llama.cpp
 * binding leaves a native non-daemon thread behind once a model is loaded (kherud/java-llama.cpp#116), so a
 * {@code main} that merely returned, or died of an {@link Error} before reaching the exit, would keep the process
 * (and a CI job) alive forever. The exit code is the CLI's contract with CI.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = EvalgateCommand.execute(args, System.out, System.err);
        } catch (Throwable e) {
            System.err.println("error: evalgate failed unexpectedly: " + e);
            e.printStackTrace(System.err);
            code = ExitCode.INTERNAL_ERROR.code();
        }
        System.exit(code);
    }
}
