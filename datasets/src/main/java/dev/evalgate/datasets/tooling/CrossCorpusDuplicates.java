package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.EvalCase;

/**
 * Finds cases of one corpus that repeat a case of another: the smoke tier that quietly holds an attack from the
 * adversarial set, a training split that leaks into the test split, a corpus imported twice under two names. Inputs
 * are compared as {@link DuplicateFinder} compares them within a corpus: exact after normalisation, otherwise by
 * Jaccard similarity of word shingles. Duplicates within one corpus are left to {@link DuplicateFinder}.
 *
 * <p>Near-duplicates are found exactly, without comparing every pair, by {@link ShingleSetJoin}'s prefix filtering:
 * boilerplate every case repeats costs nothing, and no pair at or above the threshold is missed.
 */
public final class CrossCorpusDuplicates {
    private final double threshold;
    private final int shingleSize;
    private final List<String> variables;

    /**
     * @param variables the input variables to compare (in this order), or empty for the whole input
     */
    public CrossCorpusDuplicates(double threshold, int shingleSize, List<String> variables) {
        DuplicateFinder.checkSettings(threshold, shingleSize);
        this.threshold = threshold;
        this.shingleSize = shingleSize;
        this.variables = List.copyOf(variables);
    }

    /**
     * A case and the case of an earlier corpus it repeats.
     *
     * @param corpus      position of the case's corpus in the list given to {@link #find}
     * @param otherCorpus position of the repeated case's corpus, always before {@code corpus}
     */
    public record Match(int corpus, String id, int otherCorpus, String otherId, DuplicateFinder.Kind kind,
                        double similarity) {
        public Match {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(otherId, "otherId");
            Objects.requireNonNull(kind, "kind");
            if (otherCorpus >= corpus) {
                throw new IllegalArgumentException("otherCorpus " + otherCorpus + " must come before " + corpus);
            }
        }
    }

    /** What was compared and what was found. {@code skipped} counts cases with none of the compared variables. */
    public record Report(List<Match> matches, int compared, int skipped) {
        public Report {
            matches = List.copyOf(matches);
        }
    }

    private record Indexed(int corpus, String id) {
    }

    /**
     * Compares every case with the cases of the corpora given before its own; each case is reported at most once,
     * against the most similar of them.
     */
    public Report find(List<Corpus> corpora) {
        if (corpora.size() < 2) {
            throw new IllegalArgumentException("give at least two corpora to compare, got " + corpora.size());
        }
        // First pass: exact repeats of an earlier case, and every case's shingles (for the global shingle order).
        Map<String, Integer> firstByText = new HashMap<>();
        List<Indexed> indexed = new ArrayList<>();
        List<Integer> exactOf = new ArrayList<>();
        ShingleSetJoin.Builder sets = new ShingleSetJoin.Builder(threshold);
        int skipped = 0;
        for (int corpusIndex = 0; corpusIndex < corpora.size(); corpusIndex++) {
            for (EvalCase c : corpora.get(corpusIndex).cases()) {
                String text = InputText.normalize(InputText.of(c, variables));
                if (text.isEmpty()) {
                    skipped++;
                    continue;
                }
                int position = sets.add(DuplicateFinder.shingles(InputText.wordsOf(text), shingleSize));
                indexed.add(new Indexed(corpusIndex, c.id()));
                exactOf.add(firstByText.putIfAbsent(text, position));
            }
        }
        firstByText = null; // let the texts go before the index is built
        ShingleSetJoin join = sets.build();
        // Second pass, in order: each case against every case before it in another corpus.
        List<Match> matches = new ArrayList<>();
        for (int position = 0; position < indexed.size(); position++) {
            Indexed current = indexed.get(position);
            Integer first = exactOf.get(position);
            Match match = null;
            if (first != null && indexed.get(first).corpus() != current.corpus()) {
                Indexed other = indexed.get(first);
                match = new Match(current.corpus(), current.id(), other.corpus(), other.id(),
                        DuplicateFinder.Kind.EXACT, 1.0);
            } else {
                ShingleSetJoin.Best best = join.best(position, y -> indexed.get(y).corpus() != current.corpus());
                if (best.position() >= 0) {
                    Indexed other = indexed.get(best.position());
                    // Equal shingle sets of texts that differ only in punctuation are near-duplicates, not exact.
                    match = new Match(current.corpus(), current.id(), other.corpus(), other.id(),
                            DuplicateFinder.Kind.NEAR, best.similarity());
                }
            }
            if (match != null) {
                matches.add(match);
            }
            join.index(position);
        }
        return new Report(matches, indexed.size(), skipped);
    }
}
