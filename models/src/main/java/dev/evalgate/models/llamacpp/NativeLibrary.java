package dev.evalgate.models.llamacpp;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads the binding's native library safely for a machine that runs several evaluations at once.
 *
 * <p>de.kherud:llama 4.2.0 extracts {@code libjllama.so} into one shared directory ({@code java.io.tmpdir}) and,
 * on start, deletes the "old" libraries it finds there: two JVMs starting together (parallel CI shards, a test
 * suite beside a CLI run) delete each other's library and one of them fails with "No native library found". Each
 * process therefore gets a private extraction directory (the binding's {@code de.kherud.llama.tmpdir}), removed at
 * exit, unless the user set one. The binding also announces the extraction on standard output, which belongs to
 * the CLI's results; the announcement is sent to standard error instead.
 */
final class NativeLibrary {
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

    private static boolean loaded;

    private NativeLibrary() {
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty(TMPDIR_PROPERTY) == null) {
            Path dir = privateDirectory();
            System.setProperty(TMPDIR_PROPERTY, dir.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "evalgate-native-cleanup"));
        }
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            Class.forName("de.kherud.llama.LlamaModel", true, NativeLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("de.kherud:llama is not on the class path", e);
        } finally {
            System.setOut(stdout);
        }
        loaded = true;
    }

    private static Path privateDirectory() {
        try {
            return Files.createTempDirectory("evalgate-llama-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the llama.cpp native library in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit: a leftover directory in the temp dir is harmless.
        }
    }
}
