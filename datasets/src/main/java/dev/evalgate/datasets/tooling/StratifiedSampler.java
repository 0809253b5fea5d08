package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.evalgate.datasets.EvalCase;

/**
 * Draws a reproducible sample of cases: the same corpus, size and seed always give the same cases. Stratified by
 * tag, each stratum (the case's set of tags, or of the tags that start with a prefix such as {@code category:};
 * cases without such tags form one stratum) gets its share of the sample by the largest-remainder method, so tag
 * proportions are kept as closely as whole numbers allow. The sample keeps the corpus order.
 */
public final class StratifiedSampler {
    public static final String UNTAGGED = "(untagged)";

    private StratifiedSampler() {
    }

    /** Indices into {@code cases} of the sample, ascending; stratified by all tags when {@code byTag}. */
    public static List<Integer> sample(List<EvalCase> cases, int n, long seed, boolean byTag) {
        return sample(cases, n, seed, byTag ? "" : null);
    }

    /**
     * Indices into {@code cases} of the sample, ascending.
     *
     * @param tagPrefix null for a simple random sample; otherwise strata are formed by the tags starting with it
     *                  ("" for all tags)
     */
    public static List<Integer> sample(List<EvalCase> cases, int n, long seed, String tagPrefix) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (n >= cases.size()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                all.add(i);
            }
            return all;
        }
        Map<String, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            strata.computeIfAbsent(tagPrefix == null ? "" : stratum(cases.get(i), tagPrefix),
                    k -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> quota = allocate(strata, n, cases.size());
        List<Integer> chosen = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> stratum : strata.entrySet()) {
            List<Integer> members = new ArrayList<>(stratum.getValue());
            // String.hashCode is specified by the language, so the per-stratum seed is the same on every JVM
            Collections.shuffle(members, new Random(seed * 1_000_003L + stratum.getKey().hashCode()));
            chosen.addAll(members.subList(0, quota.get(stratum.getKey())));
        }
        Collections.sort(chosen);
        return chosen;
    }

    /** The stratum of a case: its tags, sorted and joined. */
    public static String stratum(EvalCase evalCase) {
        return stratum(evalCase, "");
    }

    /** The stratum of a case: its tags that start with the prefix, sorted and joined. */
    public static String stratum(EvalCase evalCase, String tagPrefix) {
        TreeSet<String> tags = new TreeSet<>();
        evalCase.tags().stream().filter(t -> t.startsWith(tagPrefix)).forEach(tags::add);
        return tags.isEmpty() ? UNTAGGED : String.join(",", tags);
    }

    private static Map<String, Integer> allocate(Map<String, List<Integer>> strata, int n, int total) {
        Map<String, Integer> quota = new TreeMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int assigned = 0;
        for (Map.Entry<String, List<Integer>> stratum : strata.entrySet()) {
            double exact = (double) n * stratum.getValue().size() / total;
            int whole = (int) Math.floor(exact);
            quota.put(stratum.getKey(), whole);
            assigned += whole;
            remainders.add(Map.entry(stratum.getKey(), exact - whole));
        }
        remainders.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        for (int i = 0; assigned < n; i++) {
            String key = remainders.get(i % remainders.size()).getKey();
            if (quota.get(key) < strata.get(key).size()) {
                quota.merge(key, 1, Integer::sum);
                assigned++;
            }
        }
        return quota;
    }
}
