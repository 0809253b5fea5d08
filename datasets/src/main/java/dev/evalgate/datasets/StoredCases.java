package dev.evalgate.datasets;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A corpus's cases as they lie in its cases file: {@link IndexedLines} of the case lines, each parsed again with
 * the loader's checks when it is asked for, so the heap a run needs does not grow with its corpus.
 *
 * <p>Parsing every case a second time would slow a run of a large corpus by a good part, so the cases the loader
 * parsed are also kept, up to a budget of {@link #CACHE_SHARE} of the heap limit (an estimate of what each takes,
 * from its line's length): the first cases that fit stay, which is what a run in order reads first, and only the
 * rest are read again. With a generous heap nothing is parsed twice; with a small one the same corpus still fits,
 * more slowly. A small table holds the last cases read, for the repeats of a case that follow one another.
 * Read-only.
 */
final class StoredCases extends AbstractList<EvalCase> implements RandomAccess {
    /** Share of the heap limit that the kept cases of one corpus may take. */
    static final int CACHE_SHARE = 8;
    /** What a parsed case costs besides its text: its maps, lists and strings' headers (a rough measure). */
    private static final int CASE_OVERHEAD_BYTES = 512;
    private static final int RECENT = 64;

    /** The budget of kept cases for one corpus: a share of the heap limit. */
    static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / CACHE_SHARE;
    }

    private final IndexedLines lines;
    private final EvalCase[] kept;
    private final EvalCase[] recent = new EvalCase[RECENT];
    private final int[] recentIndex = new int[RECENT];

    private StoredCases(IndexedLines lines, EvalCase[] kept) {
        this.lines = lines;
        this.kept = kept;
        Arrays.fill(recentIndex, -1);
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public EvalCase get(int index) {
        Objects.checkIndex(index, lines.size());
        if (kept[index] != null) {
            return kept[index];
        }
        int slot = index % RECENT;
        synchronized (recent) {
            if (recentIndex[slot] == index) {
                return recent[slot];
            }
        }
        EvalCase evalCase = CorpusLoader.parseCase(lines.file(), lines.lineNumber(index), lines.text(index));
        synchronized (recent) {
            recent[slot] = evalCase;
            recentIndex[slot] = index;
        }
        return evalCase;
    }

    /** Collects the case lines as the loader reads them, and the parsed cases that fit the budget. */
    static final class Builder {
        private final IndexedLines.Builder lines;
        private final long budget;
        private EvalCase[] kept = new EvalCase[64];
        private long keptBytes;

        /** @param budget how many bytes the kept cases may take, by their estimate */
        Builder(Path file, long budget) {
            this.lines = new IndexedLines.Builder(file);
            this.budget = budget;
        }

        void add(int number, String text, long offset, int length, EvalCase evalCase) {
            int index = lines.size();
            lines.add(number, text, offset, length);
            // Text is held as one or two bytes a character: twice the line's bytes covers it and its copies' headers.
            long cost = 2L * length + CASE_OVERHEAD_BYTES;
            if (keptBytes + cost <= budget) {
                if (index >= kept.length) {
                    kept = Arrays.copyOf(kept, Math.max(index + 1, kept.length + (kept.length >> 1)));
                }
                kept[index] = evalCase;
                keptBytes += cost;
            }
        }

        StoredCases build() {
            IndexedLines built = lines.build();
            return new StoredCases(built, Arrays.copyOf(kept, built.size()));
        }
    }
}
