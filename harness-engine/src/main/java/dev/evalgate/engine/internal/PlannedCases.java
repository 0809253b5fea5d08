package dev.evalgate.engine.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.engine.PlannedCase;

/**
 * The cases a run evaluates, as their indexes into the suite's corpora (4 bytes a case): each {@link PlannedCase}
 * is made when it is asked for, from its corpus's cases, which a loaded corpus reads from its file. The list is
 * read-only.
 */
public final class PlannedCases extends AbstractList<PlannedCase> implements RandomAccess {
    private final List<Corpus> corpora;
    private final int[] firstIndex; // per corpus, the plan index of its first case
    private final int[] indexes;    // ascending plan indexes of the chosen cases

    /** The cases of {@code corpora}, in order, whose plan indexes are set in {@code chosen}. */
    public PlannedCases(List<Corpus> corpora, BitSet chosen) {
        this.corpora = List.copyOf(corpora);
        this.firstIndex = new int[this.corpora.size() + 1];
        for (int c = 0; c < this.corpora.size(); c++) {
            firstIndex[c + 1] = firstIndex[c] + this.corpora.get(c).cases().size();
        }
        this.indexes = chosen.stream().filter(i -> i < firstIndex[firstIndex.length - 1]).toArray();
    }

    /** The plan index of the {@code position}th case, without reading the case. */
    public int index(int position) {
        return indexes[position];
    }

    /** The plan index of a list's case at {@code position}: read from the indexes when the list is one of these. */
    public static int index(List<PlannedCase> cases, int position) {
        return cases instanceof PlannedCases planned ? planned.index(position) : cases.get(position).index();
    }

    @Override
    public int size() {
        return indexes.length;
    }

    @Override
    public PlannedCase get(int position) {
        Objects.checkIndex(position, indexes.length);
        int index = indexes[position];
        int c = Arrays.binarySearch(firstIndex, index);
        // Empty corpora share their first index with the next one: the case is in the last corpus starting there.
        if (c >= 0) {
            while (c + 1 < corpora.size() && firstIndex[c + 1] == index) {
                c++;
            }
        } else {
            c = -c - 2;
        }
        Corpus corpus = corpora.get(c);
        return new PlannedCase(index, corpus.name(), corpus.cases().get(index - firstIndex[c]));
    }
}
