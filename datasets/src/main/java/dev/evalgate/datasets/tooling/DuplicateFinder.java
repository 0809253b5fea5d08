package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.evalgate.datasets.EvalCase;

/**
 * Finds cases whose input repeats an earlier case's: exact duplicates (same normalised input) and near-duplicates
 * (Jaccard similarity of word shingles at or above a threshold). The first case of a group is kept; later ones are
 * reported as duplicates of it. Near-duplicate candidates come from an inverted index of shingles, so the work grows
 * with shared shingles rather than with every pair of cases.
 */
public final class DuplicateFinder {
    public static final double DEFAULT_THRESHOLD = 0.8;
    public static final int DEFAULT_SHINGLE = 3;

    private final double threshold;
    private final int shingleSize;
    private final List<String> variables;

    public DuplicateFinder(double threshold, int shingleSize) {
        this(threshold, shingleSize, List.of());
    }

    /** @param variables the input variables to compare (in this order), or empty for the whole input */
    public DuplicateFinder(double threshold, int shingleSize, List<String> variables) {
        checkSettings(threshold, shingleSize);
        this.threshold = threshold;
        this.shingleSize = shingleSize;
        this.variables = List.copyOf(variables);
    }

    public enum Kind { EXACT, NEAR }

    /** A later case that repeats {@code keptId}; similarity is 1 for an exact duplicate. */
    public record Duplicate(String id, String keptId, Kind kind, double similarity) {
        public Duplicate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(keptId, "keptId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public List<Duplicate> find(List<EvalCase> cases) {
        List<Duplicate> duplicates = new ArrayList<>();
        Map<String, String> firstByText = new HashMap<>();
        List<String> keptIds = new ArrayList<>();
        List<Integer> keptSizes = new ArrayList<>();
        Map<String, List<Integer>> index = new HashMap<>();
        for (EvalCase c : cases) {
            String text = InputText.normalize(InputText.of(c, variables));
            String first = firstByText.putIfAbsent(text, c.id());
            if (first != null) {
                duplicates.add(new Duplicate(c.id(), first, Kind.EXACT, 1.0));
                continue;
            }
            Set<String> shingles = shingles(InputText.wordsOf(text), shingleSize);
            Map<Integer, Integer> overlap = new HashMap<>();
            for (String shingle : shingles) {
                for (int kept : index.getOrDefault(shingle, List.of())) {
                    overlap.merge(kept, 1, Integer::sum);
                }
            }
            int best = -1;
            double bestSimilarity = 0;
            for (Map.Entry<Integer, Integer> e : overlap.entrySet()) {
                int union = shingles.size() + keptSizes.get(e.getKey()) - e.getValue();
                double similarity = union == 0 ? 0 : (double) e.getValue() / union;
                if (similarity > bestSimilarity || similarity == bestSimilarity && e.getKey() < best) {
                    best = e.getKey();
                    bestSimilarity = similarity;
                }
            }
            if (best >= 0 && bestSimilarity >= threshold) {
                duplicates.add(new Duplicate(c.id(), keptIds.get(best), Kind.NEAR, bestSimilarity));
                continue;
            }
            int position = keptIds.size();
            keptIds.add(c.id());
            keptSizes.add(shingles.size());
            for (String shingle : shingles) {
                index.computeIfAbsent(shingle, k -> new ArrayList<>()).add(position);
            }
        }
        return duplicates;
    }

    /** The similarity settings both finders take, checked alike. */
    static void checkSettings(double threshold, int shingleSize) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingle size must be at least 1, was " + shingleSize);
        }
    }

    /**
     * Word n-grams of {@code n} words; a text shorter than n words is one shingle, so short inputs still compare.
     * Shared with {@link CrossCorpusDuplicates}, so duplicates within and across corpora are measured alike.
     */
    static Set<String> shingles(List<String> words, int shingleSize) {
        Set<String> out = new LinkedHashSet<>();
        if (words.size() < shingleSize) {
            if (!words.isEmpty()) {
                out.add(String.join(" ", words));
            }
            return out;
        }
        for (int i = 0; i + shingleSize <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + shingleSize)));
        }
        return out;
    }
}
