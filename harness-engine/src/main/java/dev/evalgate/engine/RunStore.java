package dev.evalgate.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.InvalidInputException;

/**
 * A run directory: {@code run.json} (spec, status, summary) and {@code results.jsonl}, one {@link CaseResult} a
 * line, appended and flushed as each case finishes so a killed run loses at most the line being written.
 */
public final class RunStore implements AutoCloseable {
    public static final String RUN_FILE = "run.json";
    public static final String RESULTS_FILE = "results.jsonl";

    private final Path directory;
    private final List<CaseResult> existing;
    private BufferedWriter writer;
    private final WriterLock lock;

    private RunStore(Path directory, List<CaseResult> existing, WriterLock lock) {
        this.directory = directory;
        this.existing = List.copyOf(existing);
        this.lock = lock;
    }

    /** A new, empty run directory; refuses to overwrite a directory that already holds a run. */
    public static RunStore create(Path directory) {
        if (Files.exists(directory.resolve(RUN_FILE))) {
            throw new InvalidInputException(directory, 0, null, "a run already exists here; choose another --out"
                    + " (an unfinished run is finished with 'evalgate run --resume " + directory + "')");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    throw new InvalidInputException(p, 0, "--out", "this is a file, so the run directory "
                            + directory + " cannot be created; give --out a directory", e);
                }
            }
            throw new UncheckedIOException("cannot create run directory " + directory, e);
        }
        return new RunStore(directory, List.of(), WriterLock.acquire(directory));
    }

    /**
     * Opens an existing run to finish it. A last line cut off by a kill is dropped from the file, so appends
     * start on a clean line and that case runs again.
     */
    public static RunStore resume(Path directory) {
        readRecord(directory);
        // Locked before the torn tail is repaired: another process may still be appending to this file.
        WriterLock lock = WriterLock.acquire(directory);
        Path results = directory.resolve(RESULTS_FILE);
        List<CaseResult> done = new ArrayList<>();
        if (Files.exists(results)) {
            long keep = readResults(results, done, true);
            try (FileChannel channel = FileChannel.open(results, StandardOpenOption.WRITE)) {
                if (channel.size() > keep) {
                    channel.truncate(keep);
                }
            } catch (IOException e) {
                lock.release();
                throw new UncheckedIOException("cannot repair " + results, e);
            }
        }
        return new RunStore(directory, done, lock);
    }

    /** Reads a finished or unfinished run for reports, gates and baselines. */
    public static RunResult read(Path directory) {
        RunRecord record = readRecord(directory);
        List<CaseResult> results = new ArrayList<>();
        Path file = directory.resolve(RESULTS_FILE);
        if (Files.exists(file)) {
            readResults(file, results, true);
        }
        RunSummary summary = record.summary() != null ? record.summary()
                : RunSummary.of(results, record.spec().model() == null ? 0 : record.spec().model().loadMillis(), 0);
        return new RunResult(record.spec(), results, summary, directory);
    }

    public static RunRecord readRecord(Path directory) {
        Path file = directory.resolve(RUN_FILE);
        if (Files.isRegularFile(directory)) {
            // e.g. --resume suite.yaml: reading suite.yaml/run.json would fail with a bare "Not a directory"
            throw new InvalidInputException(directory, 0, null,
                    "not a run directory but a file; give the run's directory (it holds " + RUN_FILE + ")");
        }
        try {
            RunRecord record = Json.MAPPER.readValue(Files.readString(file), RunRecord.class);
            if (record.spec() == null) {
                throw new InvalidInputException(file, 0, "spec", "run.json has no spec; is this a run directory?");
            }
            return record;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(directory, 0, null, "not a run directory (no " + RUN_FILE + ")");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(file, line, null, "unreadable run record: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses complete lines; returns the byte length of the well-formed prefix of the file. */
    private static long readResults(Path file, List<CaseResult> into, boolean tolerateTornTail) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            boolean complete = end < bytes.length;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!complete) {
                // A line without its newline was being written when the process died.
                if (tolerateTornTail) {
                    return start;
                }
            }
            if (!line.isBlank()) {
                try {
                    into.add(Json.MAPPER.readValue(line, CaseResult.class));
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(file, lineNo, null, "unreadable result: " + e.getOriginalMessage());
                }
            }
            start = end + 1;
        }
        return bytes.length;
    }

    public Path directory() {
        return directory;
    }

    /** Results already on disk when the store was opened (empty for a new run). */
    public List<CaseResult> existingResults() {
        return existing;
    }

    public void writeRecord(RunRecord record) {
        Path file = directory.resolve(RUN_FILE);
        Path tmp = directory.resolve(RUN_FILE + ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized void append(CaseResult result) {
        try {
            if (writer == null) {
                // A model can emit a lone surrogate; it is written as U+FFFD instead of failing the run.
                writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(
                        directory.resolve(RESULTS_FILE), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
            }
            writer.write(Json.MAPPER.writeValueAsString(result));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + directory.resolve(RESULTS_FILE), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.release();
        }
    }

    /**
     * An exclusive lock on {@code run.lock} for as long as one process writes the run: a second {@code run
     * --resume} of a run that is still going would otherwise append every remaining case a second time. The
     * operating system drops the lock when the process dies, so a killed run can always be resumed.
     */
    private static final class WriterLock {
        private final FileChannel channel;
        private final FileLock lock;

        private WriterLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static WriterLock acquire(Path directory) {
            Path file = directory.resolve("run.lock");
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw busy(directory, channel);
                }
                return new WriterLock(channel, lock);
            } catch (OverlappingFileLockException e) {
                throw busy(directory, channel);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file, e);
            }
        }

        private static InvalidInputException busy(Path directory, FileChannel channel) {
            closeQuietly(channel);
            return new InvalidInputException(directory, 0, null, "another evalgate process is writing this run; "
                    + "wait for it to finish (or stop it) before resuming");
        }

        void release() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } catch (IOException e) {
                // Closing the channel below releases it as well.
            } finally {
                closeQuietly(channel);
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Nothing more to release.
                }
            }
        }
    }
}
