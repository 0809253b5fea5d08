package dev.evalgate.datasets.tooling;

import java.util.Arrays;
import java.util.Set;
import java.util.function.IntPredicate;

import dev.evalgate.datasets.ContentHash;

/**
 * Exact Jaccard search over shingle sets by prefix filtering (Bayardo, Ma and Srikant, "Scaling up all pairs
 * similarity search", WWW 2007): every set is written as the ranks of its shingles in one global order, rarest
 * first, and only its first {@code |x| - ceil(t|x|) + 1} ranks are indexed and probed. Two sets with Jaccard
 * similarity of at least {@code t} share at least {@code ceil(t * max(|x|, |y|))} shingles, so these prefixes
 * always meet: nothing at or above the threshold is missed, and the shingles nearly every case repeats (a
 * template's boilerplate) sit at the end of the order, where they are never looked up. A length filter drops sets
 * too small or too large to reach the threshold, and each candidate's similarity is then computed exactly.
 *
 * <p>Before: an index of every shingle made the work grow with the pairs of cases sharing any shingle, quadratic on
 * templated corpora (100,000 generated cases did not finish in five minutes).
 *
 * <p>Use: {@link Builder#add} every set (in the order they will be searched), {@link Builder#build}, then for each
 * set in turn {@link #best} against those {@link #index indexed} so far.
 */
final class ShingleSetJoin {
    /** Below a whole shingle: keeps ceil(t * n) from rounding a product like 0.8 * 5 up past 4. */
    private static final double EPSILON = 1e-9;

    private final double threshold;
    private final int[][] sets;
    private final int[][] postings;
    private final int[] postingSizes;
    private final int[] seen;
    private int stamp;

    /** The most similar indexed set, or position -1 when none reaches the threshold. */
    record Best(int position, double similarity) {
    }

    private ShingleSetJoin(double threshold, int[][] sets, int distinct) {
        this.threshold = threshold;
        this.sets = sets;
        this.postings = new int[distinct][];
        this.postingSizes = new int[distinct];
        this.seen = new int[sets.length];
    }

    /** Collects the sets, counting how often each shingle occurs, to order shingles rarest first. */
    static final class Builder {
        private final double threshold;
        private long[][] hashes = new long[16][];
        private int size;
        private final LongIntHashMap counts = new LongIntHashMap();

        Builder(double threshold) {
            this.threshold = threshold;
        }

        /** Adds a set of shingles; returns its position. */
        int add(Set<String> shingles) {
            long[] set = new long[shingles.size()];
            int i = 0;
            for (String shingle : shingles) {
                set[i++] = ContentHash.hash64(shingle);
            }
            Arrays.sort(set);
            int distinct = 0;
            for (int j = 0; j < set.length; j++) {
                if (j == 0 || set[j] != set[j - 1]) {
                    set[distinct++] = set[j];
                    counts.increment(set[j]);
                }
            }
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size] = distinct == set.length ? set : Arrays.copyOf(set, distinct);
            return size++;
        }

        ShingleSetJoin build() {
            long[] keys = counts.keys();
            Arrays.sort(keys);
            // The global order: rarest first, ties by hash (the keys' order), so that it is the same on every run.
            long[] byFrequency = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                byFrequency[i] = ((long) counts.get(keys[i]) << 32) | i;
            }
            Arrays.sort(byFrequency);
            LongIntHashMap rank = new LongIntHashMap();
            for (int r = 0; r < byFrequency.length; r++) {
                rank.put(keys[(int) byFrequency[r]], r);
            }
            int[][] sets = new int[size][];
            for (int s = 0; s < size; s++) {
                long[] set = hashes[s];
                int[] ranks = new int[set.length];
                for (int j = 0; j < set.length; j++) {
                    ranks[j] = rank.get(set[j]);
                }
                Arrays.sort(ranks);
                sets[s] = ranks;
                hashes[s] = null;
            }
            return new ShingleSetJoin(threshold, sets, keys.length);
        }
    }

    /**
     * The indexed set most similar to the set at {@code position}, among those {@code eligible} accepts; ties go
     * to the earlier position. An empty set is similar to nothing.
     */
    Best best(int position, IntPredicate eligible) {
        int[] x = sets[position];
        if (x.length == 0) {
            return new Best(-1, 0);
        }
        int minSize = (int) Math.ceil(threshold * x.length - EPSILON);
        int maxSize = (int) Math.floor(x.length / threshold + EPSILON);
        int prefix = prefixLength(x.length);
        stamp++;
        int best = -1;
        double bestSimilarity = 0;
        for (int i = 0; i < prefix; i++) {
            int[] list = postings[x[i]];
            int listSize = postingSizes[x[i]];
            for (int k = 0; k < listSize; k++) {
                int y = list[k];
                if (seen[y] == stamp) {
                    continue;
                }
                seen[y] = stamp;
                int ySize = sets[y].length;
                if (ySize < minSize || ySize > maxSize || !eligible.test(y)) {
                    continue;
                }
                int overlap = overlap(x, sets[y]);
                double similarity = (double) overlap / (x.length + ySize - overlap);
                if (similarity >= threshold && (similarity > bestSimilarity
                        || similarity == bestSimilarity && y < best)) {
                    best = y;
                    bestSimilarity = similarity;
                }
            }
        }
        return new Best(best, best < 0 ? 0 : bestSimilarity);
    }

    /** Makes the set at {@code position} findable by later {@link #best} calls. */
    void index(int position) {
        int[] x = sets[position];
        int prefix = prefixLength(x.length);
        for (int i = 0; i < prefix; i++) {
            int r = x[i];
            int[] list = postings[r];
            if (list == null) {
                list = new int[2];
            } else if (postingSizes[r] == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
            }
            list[postingSizes[r]++] = position;
            postings[r] = list;
        }
    }

    private int prefixLength(int size) {
        if (size == 0) {
            return 0;
        }
        int needed = Math.max(1, (int) Math.ceil(threshold * size - EPSILON));
        return Math.min(size, size - needed + 1);
    }

    private static int overlap(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }
}
