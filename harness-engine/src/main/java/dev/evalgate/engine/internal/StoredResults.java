package dev.evalgate.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

import dev.evalgate.datasets.FileWindows;
import dev.evalgate.engine.CaseResult;

/**
 * A run's results as they lie in {@code results.jsonl}: per result where its line starts and how long it is, so
 * the heap a run needs does not grow with its outputs and explanations. {@link #get} reads and parses the line,
 * through a few windows of the file, so that a pass in order reads the file once even while another thread walks
 * the list elsewhere (the HTML page is written beside the other reports).
 *
 * <p>Parsing every result again for every report would cost seconds at 100,000 results, so results are also kept
 * in memory, up to a budget of {@link #CACHE_SHARE} of the heap limit counted in bytes of their lines: the first
 * results that fit stay (a pass in order then parses only what did not fit; an LRU cache would lose every result
 * to a scan longer than itself), and a small table holds the last ones read, for views that read a result twice.
 * With a generous heap nothing is parsed twice; with a small one the same run still fits, more slowly.
 *
 * <p>The list is read-only; the file was validated when its lines were indexed and is only ever appended to.
 */
public final class StoredResults extends AbstractList<CaseResult> implements RandomAccess {
    /** Share of the heap limit that the kept results of one list may take, counted in bytes of their lines. */
    static final int CACHE_SHARE = 8;
    /** Heap left to the run's working set before any result is kept: 32 MiB. */
    static final long WORKING_HEAP = 32L << 20;
    private static final int RECENT = 64;

    private final Path file;
    private final long[] offsets;
    private final int[] lengths;
    private final CaseResult[] kept;
    private long keptBytes;
    private final long budget;
    private ResultDigest digest;

    private final CaseResult[] recent = new CaseResult[RECENT];
    private final int[] recentIndex = new int[RECENT];
    private final FileWindows windows;

    private StoredResults(Path file, long[] offsets, int[] lengths, CaseResult[] kept, long keptBytes, long budget,
                          ResultDigest digest) {
        this.file = file;
        this.digest = digest;
        this.offsets = offsets;
        this.lengths = lengths;
        this.kept = kept;
        this.keptBytes = keptBytes;
        this.budget = budget;
        Arrays.fill(recentIndex, -1);
        this.windows = new FileWindows(file);
    }

    /**
     * The budget of kept results for one list: a share of the heap beyond {@link #WORKING_HEAP}. Counted in bytes
     * of their lines, kept results take two to three times that in objects; on a small heap the working set (the
     * corpus's index, the digest, the reports' buffers) needs what is left, and results are read again instead.
     */
    public static long defaultBudget() {
        return Math.max(0, Runtime.getRuntime().maxMemory() - WORKING_HEAP) / CACHE_SHARE;
    }

    /** Where one result's line lies in the file (without its newline). */
    public record Line(long offset, int length) {
    }

    public Path file() {
        return file;
    }

    @Override
    public int size() {
        return offsets.length;
    }

    /** The line of result {@code index}. */
    public Line line(int index) {
        Objects.checkIndex(index, offsets.length);
        return new Line(offsets[index], lengths[index]);
    }

    /**
     * The figures of each result that the gate, the summary and the comparison read ({@link ResultDigest}): made
     * while the file was read when it was, else in one pass the first time they are asked for, then kept.
     */
    public synchronized ResultDigest digest() {
        if (digest == null) {
            ResultDigest.Builder b = new ResultDigest.Builder(size());
            for (int i = 0; i < size(); i++) {
                b.add(get(i));
            }
            digest = b.build();
        }
        return digest;
    }

    @Override
    public CaseResult get(int index) {
        Objects.checkIndex(index, offsets.length);
        int slot = index % RECENT;
        byte[] line;
        synchronized (this) {
            CaseResult result = kept[index];
            if (result != null) {
                return result;
            }
            if (recentIndex[slot] == index) {
                return recent[slot];
            }
            line = copyOf(index);
        }
        // Parsed outside the lock: the reports read the list from several threads at once, and a parse takes far
        // longer than the copy, so under one lock they would take turns.
        CaseResult result = parse(line, offsets[index]);
        synchronized (this) {
            if (kept[index] == null && keptBytes + lengths[index] <= budget) {
                kept[index] = result;
                keptBytes += lengths[index];
            } else {
                recent[slot] = result;
                recentIndex[slot] = index;
            }
        }
        return result;
    }

    /**
     * The JSON text of result {@code index} as it lies in the file (UTF-8, one object, no newline), for writers that
     * copy results into another JSON file instead of parsing and writing each again. Only its shape is checked:
     * the line was parsed when the file was indexed, and the file is only ever appended to.
     *
     * @throws IllegalStateException when the line no longer looks like the object it was
     */
    public synchronized byte[] json(int index) {
        Objects.checkIndex(index, offsets.length);
        byte[] bytes = copyOf(index);
        if (bytes.length < 2 || bytes[0] != '{' || bytes[bytes.length - 1] != '}') {
            throw changed(offsets[index], "is no longer one JSON object");
        }
        for (byte b : bytes) {
            if (b == '\n') {
                throw changed(offsets[index], "now spans several lines");
            }
        }
        return bytes;
    }

    private byte[] copyOf(int index) {
        FileWindows.Bytes line = bytesOf(index);
        return Arrays.copyOfRange(line.bytes(), line.start(), line.start() + line.length());
    }

    private CaseResult parse(byte[] line, long offset) {
        try {
            return Json.MAPPER.readValue(line, CaseResult.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + " changed after it was read: the result at byte " + offset
                    + " no longer parses (" + e.getMessage() + "); leave a run's files alone while it is used", e);
        }
    }

    private FileWindows.Bytes bytesOf(int index) {
        long offset = offsets[index];
        FileWindows.Bytes line;
        try {
            line = windows.bytesAt(offset, lengths[index]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + RunStore.reason(e)
                    + "; a run's results are read from it while reports are written", e);
        }
        if (line == null) {
            throw new IllegalStateException(file + " is shorter than when it was read (the result at byte "
                    + offset + " is gone); leave a run's files alone while it is used");
        }
        return line;
    }

    private IllegalStateException changed(long offset, String how) {
        return new IllegalStateException(file + " changed after it was read: the result at byte " + offset + " "
                + how + "; leave a run's files alone while it is used");
    }

    /** Collects lines in the order the list will give them, and the results already in hand that fit the budget. */
    public static final class Builder {
        private final Path file;
        private final long budget;
        private long[] offsets;
        private int[] lengths;
        private CaseResult[] kept;
        private long keptBytes;
        private int size;
        /** The digest of the results so far, while every line came with its result; else null. */
        private ResultDigest.Builder digest;

        public Builder(Path file, int expected) {
            this(file, expected, defaultBudget());
        }

        public Builder(Path file, int expected, long budget) {
            this.file = file;
            this.budget = budget;
            this.offsets = new long[Math.max(expected, 16)];
            this.lengths = new int[offsets.length];
            this.kept = new CaseResult[offsets.length];
            this.digest = new ResultDigest.Builder(expected);
        }

        public Builder add(Line line) {
            return add(line.offset(), line.length(), null);
        }

        public Builder add(long offset, int length) {
            return add(offset, length, null);
        }

        /** @param result the result on that line, when the caller has it: kept while the budget allows */
        public Builder add(long offset, int length, CaseResult result) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                kept = Arrays.copyOf(kept, size * 2);
            }
            offsets[size] = offset;
            lengths[size] = length;
            if (result == null) {
                digest = null;
            } else if (digest != null) {
                digest.add(result);
            }
            if (result != null && keptBytes + length <= budget) {
                kept[size] = result;
                keptBytes += length;
            }
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public StoredResults build() {
            long[] offsetColumn = Columns.fit(offsets, size);
            offsets = null;
            int[] lengthColumn = Columns.fit(lengths, size);
            lengths = null;
            CaseResult[] keptColumn = Columns.fit(kept, size);
            kept = null;
            return new StoredResults(file, offsetColumn, lengthColumn, keptColumn, keptBytes, budget,
                    digest == null ? null : digest.build());
        }
    }
}
