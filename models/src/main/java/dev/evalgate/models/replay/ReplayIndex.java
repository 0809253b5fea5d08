package dev.evalgate.models.replay;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.IndexedLines;

/**
 * Where a replay file's recorded outputs lie, by case: each line's {@link IndexedLines} entry, its repeat and the
 * 64-bit hash of its case id, sorted by hash (16 bytes a line besides the entry), so a replay of a million outputs
 * does not hold them. Lines whose ids share a hash are told apart by the ids they hold.
 *
 * <p>As with a corpus's cases, the outputs parsed while the file was checked are kept up to a budget of
 * {@link #CACHE_SHARE} of the heap limit (an estimate from their lines' lengths), so with a generous heap no output
 * is parsed twice; the others are read and parsed again when a case asks for them.
 */
final class ReplayIndex {
    /** Parses a line of the replay file again. */
    @FunctionalInterface
    interface LineParser {
        RecordedOutput parse(int lineNumber, String text);
    }

    /** Share of the heap limit that the kept outputs may take. */
    static final int CACHE_SHARE = 16;
    private static final int ANY_REPEAT = -1;
    private static final int OUTPUT_OVERHEAD_BYTES = 128;

    private final IndexedLines lines;
    private final LineParser parser;
    private final long[] hashes;  // ascending
    private final int[] entries;  // the line (in IndexedLines) of each hash, in file order where hashes are equal
    private final int[] repeats;  // per line, its repeat, or ANY_REPEAT for every repeat
    private final RecordedOutput[] kept; // per line, its output when it fitted the budget

    private ReplayIndex(IndexedLines lines, LineParser parser, long[] hashes, int[] entries, int[] repeats,
                        RecordedOutput[] kept) {
        this.lines = lines;
        this.parser = parser;
        this.hashes = hashes;
        this.entries = entries;
        this.repeats = repeats;
        this.kept = kept;
    }

    /** The output recorded for this repeat of the case, else the one recorded for every repeat. */
    Optional<RecordedOutput> find(String caseId, int repeat) {
        long hash = ContentHash.hash64(caseId);
        int first = firstWith(hash);
        return matching(first, hash, caseId, repeat).or(() -> matching(first, hash, caseId, ANY_REPEAT));
    }

    private Optional<RecordedOutput> matching(int first, long hash, String caseId, int repeat) {
        for (int i = first; i < hashes.length && hashes[i] == hash; i++) {
            int line = entries[i];
            if (repeats[line] == repeat) {
                RecordedOutput recorded = kept[line] != null ? kept[line]
                        : parser.parse(lines.lineNumber(line), lines.text(line));
                if (recorded.caseId().equals(caseId)) {
                    return Optional.of(recorded);
                }
            }
        }
        return Optional.empty();
    }

    private int firstWith(long hash) {
        int low = 0;
        int high = hashes.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hashes[mid] < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Collects the lines of a replay file as they are read and checked. */
    static final class Builder {
        private final IndexedLines.Builder lines;
        private long[] hashes = new long[64];
        private int[] repeats = new int[64];
        private RecordedOutput[] kept = new RecordedOutput[64];
        private final long budget;
        private long keptBytes;
        private int size;

        Builder(java.nio.file.Path file) {
            this(file, Runtime.getRuntime().maxMemory() / CACHE_SHARE);
        }

        /** @param budget how many bytes the kept outputs may take, by their estimate (0: none is kept) */
        Builder(java.nio.file.Path file, long budget) {
            lines = new IndexedLines.Builder(file);
            this.budget = budget;
        }

        void add(int number, String text, long offset, int length, RecordedOutput recorded) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                repeats = Arrays.copyOf(repeats, size * 2);
                kept = Arrays.copyOf(kept, size * 2);
            }
            long cost = 2L * length + OUTPUT_OVERHEAD_BYTES;
            if (keptBytes + cost <= budget) {
                kept[size] = recorded;
                keptBytes += cost;
            }
            lines.add(number, text, offset, length);
            hashes[size] = ContentHash.hash64(recorded.caseId());
            repeats[size] = recorded.repeat() == null ? ANY_REPEAT : recorded.repeat();
            size++;
        }

        ReplayIndex build(LineParser parser) {
            long[] byLine = hashes;
            // A stable sort keeps file order among equal hashes: the first line recorded for a case wins, as before.
            int[] entries = IntStream.range(0, size).boxed()
                    .sorted((a, b) -> Long.compare(byLine[a], byLine[b])).mapToInt(Integer::intValue).toArray();
            long[] sorted = new long[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = byLine[entries[i]];
            }
            return new ReplayIndex(lines.build(), parser, sorted, entries, Arrays.copyOf(repeats, size),
                    Arrays.copyOf(kept, size));
        }
    }
}
