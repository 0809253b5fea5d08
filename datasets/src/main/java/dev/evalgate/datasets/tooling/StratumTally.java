package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the cases of each tag stratum per split as a split streams by, and remembers, for each split a stratum has
 * not reached yet, the few cases of that stratum whose hash lies nearest the split's range: the candidates the
 * small-stratum rule of {@link CorpusSplitter} moves. A stratum drops its candidates as soon as every split holds one
 * of its cases, so a large corpus keeps only counts.
 */
final class StratumTally {

    /** A case that could fill a split: its id, how far its hash lies from the split's range, and where it is. */
    private record Candidate(String id, double distance, int from) {
    }

    private static final Comparator<Candidate> NEAREST_FIRST =
            Comparator.comparingDouble(Candidate::distance).thenComparing(Candidate::id);

    private final class Stratum {
        final int[] counts = new int[fractions.length];
        /** Per split, up to one candidate per split, nearest first; null once every split has a case. */
        List<List<Candidate>> nearest = new ArrayList<>();

        Stratum() {
            for (int i = 0; i < fractions.length; i++) {
                nearest.add(new ArrayList<>());
            }
        }

        void add(String id, double u, int split) {
            counts[split]++;
            if (nearest == null) {
                return;
            }
            boolean allReached = true;
            for (int target = 0; target < fractions.length; target++) {
                allReached &= counts[target] > 0;
                if (target != split) {
                    List<Candidate> list = nearest.get(target);
                    list.add(new Candidate(id, distance(u, target), split));
                    list.sort(NEAREST_FIRST);
                    if (list.size() > fractions.length) {
                        list.remove(list.size() - 1);
                    }
                }
            }
            if (allReached) {
                nearest = null;
            }
        }

        int size() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }
    }

    private final double[] fractions;
    private final String[] names;
    private final Map<String, Stratum> strata = new TreeMap<>();

    StratumTally(List<CorpusSplitter.Split> splits) {
        fractions = splits.stream().mapToDouble(CorpusSplitter.Split::fraction).toArray();
        names = splits.stream().map(CorpusSplitter.Split::name).toArray(String[]::new);
    }

    void add(String stratum, String id, double u, int split) {
        strata.computeIfAbsent(stratum, k -> new Stratum()).add(id, u, split);
    }

    /** How far u lies from split i's range [lower, upper) of the unit interval; 0 inside it. */
    private double distance(double u, int split) {
        double lower = 0;
        for (int i = 0; i < split; i++) {
            lower += fractions[i];
        }
        double upper = split == fractions.length - 1 ? 1 : lower + fractions[split];
        return u < lower ? lower - u : u >= upper ? u - upper : 0;
    }

    /** Whether a stratum of n cases should reach split i: its share is at least one case. */
    private boolean owed(int n, int split) {
        return n * fractions[split] >= 1 - 1e-9;
    }

    /**
     * Applies the small-stratum rule to the counts and returns the moves, id to split name, in stratum order.
     *
     * @param unfilled receives "STRATUM -> SPLIT" for each owed split no case could be moved to
     */
    Map<String, String> fill(List<String> unfilled) {
        Map<String, String> moves = new LinkedHashMap<>();
        for (Map.Entry<String, Stratum> entry : strata.entrySet()) {
            Stratum stratum = entry.getValue();
            if (stratum.nearest == null) {
                continue;
            }
            int n = stratum.size();
            for (int target = 0; target < fractions.length; target++) {
                if (stratum.counts[target] > 0 || !owed(n, target)) {
                    continue;
                }
                Candidate chosen = null;
                for (Candidate candidate : stratum.nearest.get(target)) {
                    int left = stratum.counts[candidate.from()] - 1;
                    if (!moves.containsKey(candidate.id()) && left >= (owed(n, candidate.from()) ? 1 : 0)) {
                        chosen = candidate;
                        break;
                    }
                }
                if (chosen == null) {
                    unfilled.add(entry.getKey() + " -> " + names[target]);
                    continue;
                }
                moves.put(chosen.id(), names[target]);
                stratum.counts[chosen.from()]--;
                stratum.counts[target]++;
            }
        }
        return moves;
    }

    /** Cases per split of each stratum, splits in the given order, a split without a case left out. */
    Map<String, Map<String, Integer>> counts() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        strata.forEach((name, stratum) -> {
            Map<String, Integer> perSplit = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (stratum.counts[i] > 0) {
                    perSplit.put(names[i], stratum.counts[i]);
                }
            }
            out.put(name, perSplit);
        });
        return out;
    }
}
