package dev.evalgate.cli;

/**
 * The {@code evalgate} executable. Ends with {@link System#exit} on purpose: the llama.cpp binding can leave a
 * native non-daemon thread behind (kherud/java-llama.cpp#116), and the exit code is the CLI's contract with CI.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(EvalgateCommand.execute(args, System.out, System.err));
    }
}
