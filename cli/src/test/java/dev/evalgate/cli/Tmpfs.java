package dev.evalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for a test: a disk that fills up at a known size, or a file system that can be made
 * read-only. Needs root and a kernel that lets this process mount (no Docker seccomp profile in the way); a test
 * that cannot mount is skipped with the reason.
 */
final class Tmpfs implements AutoCloseable {
    final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    static Tmpfs mount(Path dir, String size) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        Assumptions.assumeTrue(failure == null, "cannot mount a tmpfs here (needs root and mount rights): " + failure);
        return new Tmpfs(dir);
    }

    void remount(String options) {
        String failure = run("mount", "-o", "remount," + options, dir.toString());
        if (failure != null) {
            throw new IllegalStateException("cannot remount " + dir + " with " + options + ": " + failure);
        }
    }

    @Override
    public void close() {
        run("umount", "-l", dir.toString());
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
