package dev.evalgate.engine.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.IntFunction;

import dev.evalgate.engine.CaseResult;

/**
 * A run's results grouped by a key (the case, the corpus), in order of first appearance, each group a view that
 * holds only the positions of its results in the run's list. A run read from its file keeps its results there,
 * so grouping them costs an int a result rather than a second copy of the run.
 */
public final class ResultsByCase {
    private ResultsByCase() {
    }

    /** The results of each case, by {@link CaseResult#key()}. */
    public static Map<String, List<CaseResult>> of(List<CaseResult> results) {
        // The cases of the results' digest: no result is parsed to group them.
        ResultDigest d = ResultDigest.of(results);
        int[][] positions = d.positionsByCase();
        Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
        for (int c = 0; c < positions.length; c++) {
            groups.put(d.caseKey(c), at(results, positions[c]));
        }
        return groups;
    }

    /**
     * The positions {@code 0..size-1} grouped by {@code key}, groups in order of first appearance and positions in
     * order within each: a grouping of a run's results by what their digest tells, with no result read.
     */
    public static Map<String, int[]> positions(int size, IntFunction<String> key) {
        Map<String, int[]> held = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            // [count, position, position, ...], grown by doubling; most groups are filled in one stretch.
            int index = i;
            held.merge(key.apply(i), new int[] {1, index}, (grown, one) -> {
                int count = grown[0] + 1;
                int[] room = count < grown.length ? grown : Arrays.copyOf(grown, grown.length * 2);
                room[count] = one[1];
                room[0] = count;
                return room;
            });
        }
        held.replaceAll((k, grown) -> Arrays.copyOfRange(grown, 1, grown[0] + 1));
        return held;
    }

    /** The results at {@code positions} of a list, read from it when asked. */
    public static List<CaseResult> at(List<CaseResult> results, int[] positions) {
        return new At(results, positions);
    }

    private static final class At extends AbstractList<CaseResult> implements RandomAccess {
        private final List<CaseResult> results;
        private final int[] positions;

        At(List<CaseResult> results, int[] positions) {
            this.results = results;
            this.positions = positions;
        }

        @Override
        public CaseResult get(int index) {
            return results.get(positions[index]);
        }

        @Override
        public int size() {
            return positions.length;
        }
    }
}
