package dev.evalgate.engine.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Setting;

/**
 * A run directory: {@code run.json} (spec, status, summary) and {@code results.jsonl}, one {@link CaseResult} a
 * line. {@link #append} writes and flushes a line; the runner uses {@link #appendBuffered} and {@link #flush} to
 * flush in batches, and counts a case as done only once it is flushed, so a killed run loses only cases it had not
 * yet reported finished (and a line cut off mid-write, which {@link #resume} drops). Runs read back are
 * {@link StoredResults}: the file is streamed once to check it and index its lines, never held whole.
 */
public final class RunStore implements AutoCloseable {
    public static final String RUN_FILE = "run.json";
    public static final String RESULTS_FILE = "results.jsonl";

    private final Path directory;
    private final Existing existing;
    private OutputStream writer;
    /** Where the next appended line starts: the length of the file as this store has written it. */
    private long position;
    private final WriterLock lock;
    private final List<String> notes;

    private RunStore(Path directory, Existing existing, WriterLock lock) {
        this(directory, existing, lock, List.of());
    }

    private RunStore(Path directory, Existing existing, WriterLock lock, List<String> notes) {
        this.notes = List.copyOf(notes);
        this.directory = directory;
        this.existing = existing;
        this.lock = lock;
    }

    /**
     * Results already on disk when a run is resumed: the (case, repeat) of each, for the runner to skip, and
     * where its line lies, for the finished run's list; nothing of the results themselves.
     */
    public record Existing(List<String> caseKeys, int[] repeats, StoredResults results) {
        static Existing none(Path directory) {
            return new Existing(List.of(), new int[0],
                    new StoredResults.Builder(directory.resolve(RESULTS_FILE), 0).build());
        }
    }

    /** A new, empty run directory; refuses to overwrite a directory that already holds a run. */
    public static RunStore create(Path directory) {
        if (Files.exists(directory.resolve(RUN_FILE))) {
            throw new AdvisedInputException(directory, 0, null, Advice.text("a run already exists here; choose"
                    + " another ").then(Setting.OUTPUT_DIRECTORY).then(" (an unfinished run is finished with ")
                    .then(Setting.RESUME, directory).then(")"), null);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    throw AdvisedInputException.ofSetting(p, Setting.OUTPUT_DIRECTORY, Advice.text("this is a file,"
                            + " so the run directory " + directory + " cannot be created; give ")
                            .then(Setting.OUTPUT_DIRECTORY).then(" a directory"), e);
                }
            }
            throw new AdvisedIOException(Advice.text("cannot create run directory " + directory + ": " + reason(e)
                    + "; choose a writable place with ").then(Setting.OUTPUT_DIRECTORY), e);
        }
        return new RunStore(directory, Existing.none(directory), WriterLock.acquire(directory));
    }

    /**
     * Checks, before any model is loaded, that a run can be created here: no run in the way, the parent directory
     * exists or can be made, and it is writable.
     */
    public static void checkCanCreate(Path directory) {
        if (Files.exists(directory.resolve(RUN_FILE))) {
            create(directory); // refuses, with the same message
        }
        Path parent = directory.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            for (Path p = parent; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    throw AdvisedInputException.ofSetting(p, Setting.OUTPUT_DIRECTORY, Advice.text("this is a file,"
                            + " so the run directory " + directory + " cannot be created; give ")
                            .then(Setting.OUTPUT_DIRECTORY).then(" a directory"), e);
                }
            }
            throw new AdvisedIOException(Advice.text("cannot create " + parent + ": " + reason(e)
                    + "; choose a writable place with ").then(Setting.OUTPUT_DIRECTORY), e);
        }
        if (!Files.isWritable(parent)) {
            throw new AdvisedIOException(Advice.text("cannot create a run in " + parent + ": it is not writable (a"
                    + " read-only file system or missing permissions); choose a writable place with ")
                    .then(Setting.OUTPUT_DIRECTORY), new java.nio.file.AccessDeniedException(parent.toString()));
        }
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
        List<String> notes = new ArrayList<>();
        Existing done = Existing.none(directory);
        if (Files.exists(results)) {
            List<String> keys = new ArrayList<>();
            int[][] repeats = {new int[1024]};
            // Nothing kept: the runner reads back only what a report asks for, after the run.
            StoredResults.Builder lines = new StoredResults.Builder(results, 1024, 0);
            long keep;
            try {
                keep = readResults(results, notes, (result, offset, length) -> {
                    if (keys.size() == repeats[0].length) {
                        repeats[0] = Arrays.copyOf(repeats[0], keys.size() * 2);
                    }
                    repeats[0][keys.size()] = result.repeat();
                    keys.add(result.key());
                    lines.add(offset, length, result);
                });
            } catch (RuntimeException e) {
                lock.release();
                throw e;
            }
            done = new Existing(keys, Arrays.copyOf(repeats[0], keys.size()), lines.build());
            try (FileChannel channel = FileChannel.open(results, StandardOpenOption.WRITE)) {
                if (channel.size() > keep) {
                    channel.truncate(keep);
                }
            } catch (IOException e) {
                lock.release();
                throw new UncheckedIOException("cannot repair " + results + ": " + reason(e)
                        + "; check that the run directory is writable", e);
            }
        }
        return new RunStore(directory, done, lock, notes);
    }

    /** Reads a finished or unfinished run for reports, gates and baselines. */
    public static RunResult read(Path directory) {
        return load(directory).run();
    }

    /**
     * Reads a run and says what was wrong but could be mended: a result line that repeats a (case, repeat)
     * already read is left out (the first one counts) and noted, so a report never counts a case twice.
     */
    public static Loaded load(Path directory) {
        RunRecord record = readRecord(directory);
        List<String> notes = new ArrayList<>();
        Path file = directory.resolve(RESULTS_FILE);
        StoredResults.Builder lines = new StoredResults.Builder(file, 1024);
        if (Files.exists(file)) {
            readResults(file, notes, (result, offset, length) -> lines.add(offset, length, result));
        }
        StoredResults results = lines.build();
        RunSummary summary = record.summary() != null ? record.summary()
                : RunSummary.of(results, record.spec().model() == null ? 0 : record.spec().model().loadMillis(), 0);
        return new Loaded(new RunResult(record.spec(), results, summary, directory), notes);
    }

    /** A run as read from disk, with notes on duplicate result lines that were left out. */
    public record Loaded(RunResult run, List<String> notes) {
        public Loaded {
            notes = List.copyOf(notes);
        }
    }

    public static RunRecord readRecord(Path directory) {
        Path file = directory.resolve(RUN_FILE);
        if (Files.isRegularFile(directory)) {
            // e.g. --resume suite.yaml: reading suite.yaml/run.json would fail with a bare "Not a directory"
            throw new InvalidInputException(directory, 0, null,
                    "not a run directory but a file; give the run's directory (it holds " + RUN_FILE + ")");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(directory, 0, null, "not a run directory (no " + RUN_FILE + ")");
        }
        String text = InputFiles.readText(file, InputKind.RUN_RECORD);
        RunRecord record;
        try {
            record = Json.MAPPER.readValue(text, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, JsonProblems.line(e), JsonProblems.field(e),
                    "unreadable run record: " + JsonProblems.problem(e));
        }
        if (record == null || record.spec() == null) {
            throw new InvalidInputException(file, 0, "spec", "run.json has no spec; is this a run directory?");
        }
        if (record.spec().model() == null || record.spec().bundle() == null || record.spec().runId() == null) {
            throw new InvalidInputException(file, 0, "spec", "run.json lacks the run's "
                    + (record.spec().runId() == null ? "runId" : record.spec().model() == null ? "model" : "bundle")
                    + "; the file was edited or cut short");
        }
        List<CorpusRef> corpora = record.spec().corpora();
        for (int i = 0; i < corpora.size(); i++) {
            if (corpora.get(i).name() == null) {
                // Reports and comparisons match corpora by name: a nameless one would fail them far from here.
                throw new InvalidInputException(file, 0, "spec.corpora[" + i + "].name",
                        "missing; the file was edited or cut short");
            }
        }
        return record;
    }

    /** What {@link #readResults} hands on for each result it keeps. */
    private interface ResultLines {
        void accept(CaseResult result, long offset, int length);
    }

    /**
     * Parses complete lines, strict UTF-8, each validated like user input, streaming the file (it may be larger
     * than the heap); a (case, repeat) seen before is left out with a note. Returns the byte length of the
     * well-formed prefix of the file: a last line without its newline was being written when the process died
     * and is not part of it.
     */
    private static long readResults(Path file, List<String> notes, ResultLines into) {
        InputFiles.checkReadable(file, InputKind.RESULTS);
        Map<String, Integer> firstLine = new HashMap<>();
        byte[] line = new byte[1 << 12];
        int lineLength = 0;
        long lineStart = 0;
        long position = 0;
        int lineNo = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    int part = i - from;
                    if (lineLength + part > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + part));
                    }
                    System.arraycopy(chunk, from, line, lineLength, part);
                    lineLength += part;
                    lineNo++;
                    parseLine(file, line, lineLength, lineNo, lineStart, firstLine, notes, into);
                    position += part + 1;
                    lineStart = position;
                    lineLength = 0;
                    from = i + 1;
                }
                int rest = read - from;
                if (lineLength + rest > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + rest));
                }
                System.arraycopy(chunk, from, line, lineLength, rest);
                lineLength += rest;
                position += rest;
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
        return lineStart;
    }

    private static void parseLine(Path file, byte[] bytes, int length, int lineNo, long offset,
                                  Map<String, Integer> firstLine, List<String> notes, ResultLines into) {
        String line = InputFiles.decode(file, bytes, 0, length, lineNo);
        if (line.isBlank()) {
            return;
        }
        CaseResult result;
        try {
            result = Json.MAPPER.readValue(line, CaseResult.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, lineNo, JsonProblems.field(e),
                    "unreadable result: " + JsonProblems.problem(e));
        }
        if (result == null) {
            throw new InvalidInputException(file, lineNo, null, "unreadable result: null");
        }
        if (result.repeat() < 0) {
            throw new InvalidInputException(file, lineNo, "repeat", "must be 0 or more, found "
                    + result.repeat());
        }
        String key = result.key() + "#" + result.repeat();
        Integer earlier = firstLine.putIfAbsent(key, lineNo);
        if (earlier != null) {
            notes.add(file + ":" + lineNo + ": case '" + result.key() + "' repeat " + result.repeat()
                    + " already has a result on line " + earlier + "; this line is left out");
        } else {
            into.accept(result, offset, length);
        }
    }

    private static void closeQuietly(OutputStream writer) {
        try {
            writer.close();
        } catch (IOException e) {
            // Already failing: the caller reports the first error.
        }
    }

    /** The operating system's reason, without the path that the message already names. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public Path directory() {
        return directory;
    }

    /** Results already on disk when the store was opened (empty for a new run), read from the file on demand. */
    public List<CaseResult> existingResults() {
        return existing.results();
    }

    /** The (case, repeat) and line of each result already on disk when the store was opened. */
    public Existing existing() {
        return existing;
    }

    /** What a resume mended while reading the results already on disk (a duplicate line left out). */
    public List<String> notes() {
        return notes;
    }

    public void writeRecord(RunRecord record) {
        Path file = directory.resolve(RUN_FILE);
        Path tmp = directory.resolve(RUN_FILE + ".tmp");
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The first error is the one to report.
            }
            Advice next = Files.exists(file)
                    ? Advice.text("the results so far are kept in " + directory + ": make room (or make it"
                            + " writable), then finish the run with ").then(Setting.RESUME, directory)
                    : Advice.text("nothing was evaluated yet: make room (or choose a writable place with ")
                            .then(Setting.OUTPUT_DIRECTORY).then(") and run again");
            throw new AdvisedIOException(Advice.text("cannot write " + file + ": " + reason(e) + "; ").then(next), e);
        }
    }

    /** Writes one result and flushes it to the operating system: it survives a kill of this process. */
    public synchronized StoredResults.Line append(CaseResult result) {
        StoredResults.Line line = appendBuffered(result);
        flush();
        return line;
    }

    /**
     * Writes one result into the buffer; it is safe from a kill only after the next {@link #flush}.
     *
     * @return where its line lies in {@code results.jsonl}, to read it back from there
     */
    public synchronized StoredResults.Line appendBuffered(CaseResult result) {
        try {
            if (writer == null) {
                Path file = directory.resolve(RESULTS_FILE);
                // After a failed append the file may end in part of a line: offsets count from what is there.
                position = Files.exists(file) ? Files.size(file) : 0;
                writer = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), 1 << 16);
            }
            byte[] bytes;
            try {
                // Straight to UTF-8 bytes: through a String the text would be copied and encoded twice more.
                bytes = Json.MAPPER.writeValueAsBytes(result);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a result is plain data and always serialises", e);
            }
            StoredResults.Line line = new StoredResults.Line(position, bytes.length);
            writer.write(bytes);
            writer.write('\n');
            position += bytes.length + 1L;
            return line;
        } catch (IOException e) {
            // A full buffer is written out inside write(): a full disk can surface here as well as in flush().
            throw appendFailed(e);
        }
    }

    /** Hands everything appended so far to the operating system. */
    public synchronized void flush() {
        try {
            if (writer != null) {
                writer.flush();
            }
        } catch (IOException e) {
            throw appendFailed(e);
        }
    }

    private UncheckedIOException appendFailed(IOException e) {
        // The writer may hold a partial line; drop it so the next append (a resume) starts on a clean line.
        closeQuietly(writer);
        writer = null;
        return new AdvisedIOException(Advice.text("cannot append to " + directory.resolve(RESULTS_FILE) + ": "
                + reason(e) + "; the results so far are kept: make room (or make the directory writable), then"
                + " finish the run with ").then(Setting.RESUME, directory), e);
    }

    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (IOException e) {
            throw new AdvisedIOException(Advice.text("cannot finish writing " + directory.resolve(RESULTS_FILE)
                    + ": " + reason(e) + "; finish the run with ").then(Setting.RESUME, directory), e);
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
                throw new UncheckedIOException("cannot lock " + file + ": " + reason(e) + "; a run is written"
                        + " where it lies, so resume it on a writable file system (copy the run directory there"
                        + " first)", e);
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
