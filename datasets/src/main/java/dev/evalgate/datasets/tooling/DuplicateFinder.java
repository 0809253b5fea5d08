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
 * reported as duplicates of the most similar kept case. Near-duplicates are found exactly, without comparing every
 * pair, by {@link ShingleSetJoin}'s prefix filtering.
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
        // First pass: exact duplicates, and the shingles of every other case (for the global shingle order).
        Map<String, String> firstByText = new HashMap<>();
        String[] exactOf = new String[cases.size()];
        int[] positions = new int[cases.size()];
        List<String> idOfPosition = new ArrayList<>();
        ShingleSetJoin.Builder sets = new ShingleSetJoin.Builder(threshold);
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            String text = InputText.normalize(InputText.of(c, variables));
            exactOf[i] = firstByText.putIfAbsent(text, c.id());
            if (exactOf[i] == null) {
                positions[i] = sets.add(shingles(InputText.wordsOf(text), shingleSize));
                idOfPosition.add(c.id());
            }
        }
        firstByText = null; // let the texts go before the index is built
        ShingleSetJoin join = sets.build();
        // Second pass, in corpus order: a case repeats the most similar case kept before it, or is kept itself.
        List<Duplicate> duplicates = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String id = cases.get(i).id();
            if (exactOf[i] != null) {
                duplicates.add(new Duplicate(id, exactOf[i], Kind.EXACT, 1.0));
                continue;
            }
            ShingleSetJoin.Best best = join.best(positions[i], kept -> true);
            if (best.position() >= 0) {
                duplicates.add(new Duplicate(id, idOfPosition.get(best.position()), Kind.NEAR, best.similarity()));
            } else {
                join.index(positions[i]);
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
