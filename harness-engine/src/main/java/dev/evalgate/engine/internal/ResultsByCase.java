package dev.evalgate.engine.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

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

    public static Map<String, List<CaseResult>> grouped(List<CaseResult> results,
                                                        Function<CaseResult, String> key) {
        Map<String, int[]> positions = new LinkedHashMap<>();
        int i = 0;
        for (CaseResult r : results) {
            // [count, position, position, ...], grown by doubling; most cases have one result per repeat.
            int index = i++;
            positions.merge(key.apply(r), new int[] {1, index}, (held, one) -> {
                int count = held[0] + 1;
                int[] grown = count < held.length ? held : Arrays.copyOf(held, held.length * 2);
                grown[count] = one[1];
                grown[0] = count;
                return grown;
            });
        }
        Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
        positions.forEach((k, held) -> groups.put(k, new At(results, Arrays.copyOfRange(held, 1, held[0] + 1))));
        return groups;
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
