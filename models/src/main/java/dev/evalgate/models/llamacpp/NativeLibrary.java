package dev.evalgate.models.llamacpp;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the binding's native library safely for a machine that runs several evaluations at once.
 *
 * <p>de.kherud:llama 4.2.0 extracts {@code libjllama.so} into one shared directory ({@code java.io.tmpdir}) and,
 * on start, deletes the "old" libraries it finds there: two JVMs starting together (parallel CI shards, a test
 * suite beside a CLI run) delete each other's library and one of them fails with "No native library found". Each
 * process therefore gets a private extraction directory (the binding's {@code de.kherud.llama.tmpdir}), removed at
 * exit, unless the user set one. A process that is killed cannot remove its directory, so each directory holds a
 * lock file its process keeps locked for its whole life; at start-up, directories whose lock nobody holds any more
 * belong to dead processes and are removed. The binding also announces the extraction on standard output, which
 * belongs to the CLI's results; the announcement is sent to standard error instead.
 */
final class NativeLibrary {
    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
    static final String DIRECTORY_PREFIX = "evalgate-llama-";
    /** Not named like a library: the binding deletes files starting with "jllama" or "llama" in its directory. */
    static final String OWNER_FILE = ".owner.lock";
    /** A directory without a lock file is from an older evalgate, or being set up right now: wait this long. */
    static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);
    /** A directory this young may belong to a process that is still setting it up. */
    static final Duration SETUP_GRACE = Duration.ofMinutes(1);

    private static boolean loaded;
    /** Held (never read) so the lock lasts as long as the process. */
    @SuppressWarnings("unused")
    private static FileChannel ownerLock;

    private NativeLibrary() {
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty(TMPDIR_PROPERTY) == null) {
            removeStale(Path.of(System.getProperty("java.io.tmpdir")));
            Path dir = privateDirectory();
            ownerLock = lockOwner(dir);
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

    /**
     * Removes the native-library directories of processes that are gone: their lock file is no longer locked.
     * Returns how many were removed.
     */
    static int removeStale(Path tmp) {
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(tmp)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(DIRECTORY_PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException | UncheckedIOException e) {
            return 0; // an unreadable temp directory is not this run's problem
        }
        int removed = 0;
        for (Path dir : candidates) {
            if (isStale(dir)) {
                deleteQuietly(dir);
                removed += Files.exists(dir) ? 0 : 1;
            }
        }
        return removed;
    }

    private static boolean isStale(Path dir) {
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return false;
        }
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
        }
        if (modified.isAfter(Instant.now().minus(SETUP_GRACE))) {
            return false; // its process may be between creating the lock file and locking it
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // its process is alive
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process's own directory
        } catch (IOException e) {
            return false;
        }
    }

    private static FileChannel lockOwner(Path dir) {
        try {
            FileChannel channel = FileChannel.open(dir.resolve(OWNER_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            channel.tryLock();
            return channel;
        } catch (IOException e) {
            return null; // without the lock a later start-up treats the directory as unowned, after the grace
        }
    }

    private static Path privateDirectory() {
        try {
            return Files.createTempDirectory(DIRECTORY_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the llama.cpp native library in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; make the temporary"
                    + " directory writable or point java.io.tmpdir (or " + TMPDIR_PROPERTY + ") elsewhere", e);
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
