package dev.evalgate.datasets;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A corpus's cases as they lie in its cases file: {@link IndexedLines} of the case lines, each parsed again with
 * the loader's checks when it is asked for, so the heap a run needs does not grow with its corpus. A small table
 * holds the last cases read, for the repeats of a case that follow one another. Read-only.
 */
final class StoredCases extends AbstractList<EvalCase> implements RandomAccess {
    private static final int RECENT = 64;

    private final IndexedLines lines;
    private final EvalCase[] recent = new EvalCase[RECENT];
    private final int[] recentIndex = new int[RECENT];

    StoredCases(IndexedLines lines) {
        this.lines = lines;
        Arrays.fill(recentIndex, -1);
    }

    Path file() {
        return lines.file();
    }

    /** The line of the cases file case {@code index} is on. */
    int lineNumber(int index) {
        return lines.lineNumber(index);
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public EvalCase get(int index) {
        Objects.checkIndex(index, lines.size());
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
}
