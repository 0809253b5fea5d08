package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.EvalCase;

/**
 * Finds cases of one corpus that repeat a case of another: the smoke tier that quietly holds an attack from the
 * adversarial set, a training split that leaks into the test split, a corpus imported twice under two names. Inputs
 * are compared as {@link DuplicateFinder} compares them within a corpus: exact after normalisation, otherwise by
 * Jaccard similarity of word shingles. Duplicates within one corpus are left to {@link DuplicateFinder}.
 *
 * <p>Candidates come from an inverted index of shingles, so the work grows with the shingles cases share, not with
 * every pair. A shingle shared by more than {@link #MAX_POSTINGS} cases (boilerplate every case repeats) is not used
 * to find candidates; compare such corpora on the variables that differ.
 */
public final class CrossCorpusDuplicates {
    /** Postings kept per shingle; a shingle in more cases than this says nothing about any pair. */
    static final int MAX_POSTINGS = 2_000;

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

    private record Indexed(int corpus, String id, int size) {
    }

    /**
     * Compares every case with the cases of the corpora given before its own; each case is reported at most once,
     * against the most similar of them.
     */
    public Report find(List<Corpus> corpora) {
        if (corpora.size() < 2) {
            throw new IllegalArgumentException("give at least two corpora to compare, got " + corpora.size());
        }
        List<Match> matches = new ArrayList<>();
        Map<String, Integer> firstByText = new HashMap<>();
        List<Indexed> indexed = new ArrayList<>();
        Map<String, List<Integer>> postings = new HashMap<>();
        int compared = 0;
        int skipped = 0;
        for (int corpusIndex = 0; corpusIndex < corpora.size(); corpusIndex++) {
            Corpus corpus = corpora.get(corpusIndex);
            for (EvalCase c : corpus.cases()) {
                String text = InputText.normalize(InputText.of(c, variables));
                if (text.isEmpty()) {
                    skipped++;
                    continue;
                }
                compared++;
                Set<String> shingles = DuplicateFinder.shingles(InputText.wordsOf(text), shingleSize);
                Match match = exact(corpusIndex, c.id(), firstByText.get(text), indexed);
                if (match == null) {
                    match = near(corpusIndex, c.id(), shingles, indexed, postings);
                }
                if (match != null) {
                    matches.add(match);
                }
                int position = indexed.size();
                indexed.add(new Indexed(corpusIndex, c.id(), shingles.size()));
                firstByText.putIfAbsent(text, position);
                for (String shingle : shingles) {
                    List<Integer> list = postings.computeIfAbsent(shingle, k -> new ArrayList<>());
                    if (list.size() < MAX_POSTINGS) {
                        list.add(position);
                    }
                }
            }
        }
        return new Report(matches, compared, skipped);
    }

    private static Match exact(int corpusIndex, String id, Integer first,
                               List<Indexed> indexed) {
        if (first == null || indexed.get(first).corpus() == corpusIndex) {
            return null;
        }
        Indexed other = indexed.get(first);
        return new Match(corpusIndex, id, other.corpus(), other.id(), DuplicateFinder.Kind.EXACT, 1.0);
    }

    private Match near(int corpusIndex, String id, Set<String> shingles, List<Indexed> indexed,
                       Map<String, List<Integer>> postings) {
        Map<Integer, Integer> overlap = new HashMap<>();
        for (String shingle : shingles) {
            for (int position : postings.getOrDefault(shingle, List.of())) {
                if (indexed.get(position).corpus() != corpusIndex) {
                    overlap.merge(position, 1, Integer::sum);
                }
            }
        }
        int best = -1;
        double bestSimilarity = 0;
        for (Map.Entry<Integer, Integer> e : overlap.entrySet()) {
            int union = shingles.size() + indexed.get(e.getKey()).size() - e.getValue();
            double similarity = union == 0 ? 0 : (double) e.getValue() / union;
            if (similarity > bestSimilarity || similarity == bestSimilarity && e.getKey() < best) {
                best = e.getKey();
                bestSimilarity = similarity;
            }
        }
        if (best < 0 || bestSimilarity < threshold) {
            return null;
        }
        Indexed other = indexed.get(best);
        // Equal shingle sets of texts that differ only in punctuation are still near-duplicates, not exact ones.
        return new Match(corpusIndex, id, other.corpus(), other.id(), DuplicateFinder.Kind.NEAR, bestSimilarity);
    }
}
