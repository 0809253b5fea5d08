package dev.evalgate.engine.tier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.CaseSelection;
import dev.evalgate.engine.PlannedCase;

/**
 * Picks a tier's cases from a suite's planned cases, keeping their order. A sample is stratified by corpus and
 * first tag with proportional allocation (largest remainders), and within a stratum ranks cases by a seeded hash
 * of their key: the same seed always picks the same cases, and adding a case to a corpus rarely changes which
 * other cases are picked.
 *
 * <p>The cases are seen once each, as the corpora are read; a sample keeps per case its index, its stratum and the
 * first 64 bits of its rank (16 bytes), never the case. Ranks are compared on those 64 bits, ties going to the case
 * listed first, which orders cases as their full hashes do unless two of them share their first 64 bits.
 */
public final class TierSelector {
    private TierSelector() {
    }

    /** The cases of a list in hand that the tier keeps, in their order. */
    public static List<PlannedCase> select(Tier tier, List<PlannedCase> cases) {
        return selection(tier).select(cases);
    }

    /** The tier as a case selection. */
    public static CaseSelection selection(Tier tier) {
        if (tier.sample() == 0 && tier.fraction() == 1.0) {
            return CaseSelection.where(c -> tagged(tier, c));
        }
        return () -> new Sample(tier);
    }

    private static boolean tagged(Tier tier, PlannedCase c) {
        return tier.tags().isEmpty() || c.evalCase().tags().stream().anyMatch(tier.tags()::contains);
    }

    /** The tagged cases' places, strata and ranks, then the sample drawn from them. */
    private static final class Sample implements CaseSelection.Pass {
        private final Tier tier;
        private final Map<String, Integer> strata = new LinkedHashMap<>();
        private int[] indexes = new int[256];
        private int[] stratumOf = new int[256];
        private long[] ranks = new long[256];
        private int size;

        Sample(Tier tier) {
            this.tier = tier;
        }

        @Override
        public void offer(PlannedCase c) {
            if (!tagged(tier, c)) {
                return;
            }
            if (size == indexes.length) {
                indexes = Arrays.copyOf(indexes, size * 2);
                stratumOf = Arrays.copyOf(stratumOf, size * 2);
                ranks = Arrays.copyOf(ranks, size * 2);
            }
            indexes[size] = c.index();
            stratumOf[size] = strata.computeIfAbsent(stratum(c), k -> strata.size());
            // Flipping the sign bit makes a signed comparison order the hashes as unsigned bytes, as their hex does.
            ranks[size] = rank(tier.seed(), c.key()) ^ Long.MIN_VALUE;
            size++;
        }

        @Override
        public BitSet chosen() {
            BitSet chosen = new BitSet();
            int target = (int) Math.ceil(size * tier.fraction());
            if (tier.sample() > 0) {
                target = Math.min(target, tier.sample());
            }
            if (target >= size) {
                for (int i = 0; i < size; i++) {
                    chosen.set(indexes[i]);
                }
                return chosen;
            }
            int[] sizes = new int[strata.size()];
            for (int i = 0; i < size; i++) {
                sizes[stratumOf[i]]++;
            }
            int[] quota = allocate(sizes, size, target);
            // Per stratum, the rank of its last chosen case, and how many cases of exactly that rank it takes.
            long[] cutoff = new long[sizes.length];
            int[] atCutoff = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                if (quota[s] == 0) {
                    continue;
                }
                long[] own = new long[sizes[s]];
                int n = 0;
                for (int i = 0; i < size; i++) {
                    if (stratumOf[i] == s) {
                        own[n++] = ranks[i];
                    }
                }
                Arrays.sort(own);
                cutoff[s] = own[quota[s] - 1];
                int below = 0;
                while (own[below] < cutoff[s]) {
                    below++;
                }
                atCutoff[s] = quota[s] - below;
            }
            for (int i = 0; i < size; i++) {
                int s = stratumOf[i];
                if (quota[s] > 0 && (ranks[i] < cutoff[s] || ranks[i] == cutoff[s] && atCutoff[s]-- > 0)) {
                    chosen.set(indexes[i]);
                }
            }
            return chosen;
        }
    }

    private static String stratum(PlannedCase c) {
        List<String> tags = c.evalCase().tags();
        return c.corpus() + "\u0000" + (tags.isEmpty() ? "" : tags.get(0));
    }

    /** Proportional allocation by largest remainder; ties go to the stratum listed first. */
    private static int[] allocate(int[] sizes, int total, int target) {
        int[] quota = new int[sizes.length];
        double[] remainder = new double[sizes.length];
        int given = 0;
        for (int s = 0; s < sizes.length; s++) {
            double exact = (double) sizes[s] * target / total;
            int floor = (int) Math.floor(exact);
            quota[s] = floor;
            remainder[s] = exact - floor;
            given += floor;
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            byRemainder.add(s);
        }
        byRemainder.sort(Comparator.comparingDouble((Integer s) -> -remainder[s]));
        for (int i = 0; given < target; i++) {
            int s = byRemainder.get(i % byRemainder.size());
            if (quota[s] < sizes[s]) {
                quota[s]++;
                given++;
            }
        }
        return quota;
    }

    private static long rank(long seed, String key) {
        byte[] digest = ContentHash.digest().digest((seed + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}
