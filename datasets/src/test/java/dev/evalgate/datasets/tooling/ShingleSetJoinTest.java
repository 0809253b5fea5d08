package dev.evalgate.datasets.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;

/**
 * Prefix filtering finds exactly what comparing every pair finds: the duplicate finders agree, case for case and
 * similarity for similarity, with a brute-force search over every pair, on templated corpora where every case
 * shares boilerplate and many pairs sit near the threshold.
 */
class ShingleSetJoinTest {
    private static final String[] WORDS = ("refund order parcel invoice account password delivery warranty size"
            + " colour discount voucher").split(" ");

    @ParameterizedTest(name = "threshold {0}, shingles of {1}, seed {2}")
    @CsvSource({"0.8, 3, 1", "0.8, 1, 2", "0.5, 2, 3", "0.3, 3, 4", "0.95, 1, 5", "0.65, 1, 6", "0.9, 2, 7"})
    void withinACorpusTheFinderAgreesWithEveryPair(double threshold, int shingle, long seed) {
        List<EvalCase> cases = templatedCases(new Random(seed), "c", 600);

        List<DuplicateFinder.Duplicate> found = new DuplicateFinder(threshold, shingle).find(cases);

        List<DuplicateFinder.Duplicate> expected = bruteForceWithin(cases, threshold, shingle);
        assertThat(expected).as("the corpus must hold near-duplicates to make the comparison mean something")
                .anyMatch(d -> d.kind() == DuplicateFinder.Kind.NEAR);
        assertThat(found).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(found.get(i).id()).isEqualTo(expected.get(i).id());
            assertThat(found.get(i).keptId()).as(expected.get(i).id()).isEqualTo(expected.get(i).keptId());
            assertThat(found.get(i).kind()).isEqualTo(expected.get(i).kind());
            assertThat(found.get(i).similarity()).isEqualTo(expected.get(i).similarity());
        }
    }

    @ParameterizedTest(name = "threshold {0}, shingles of {1}, seed {2}")
    @CsvSource({"0.8, 3, 11", "0.5, 2, 12", "0.7, 1, 13"})
    void acrossCorporaTheFinderAgreesWithEveryPair(double threshold, int shingle, long seed) {
        Random random = new Random(seed);
        List<Corpus> corpora = List.of(corpus("a", templatedCases(random, "a", 300)),
                corpus("b", templatedCases(random, "b", 300)), corpus("c", templatedCases(random, "c", 300)));

        List<CrossCorpusDuplicates.Match> found = new CrossCorpusDuplicates(threshold, shingle, List.of())
                .find(corpora).matches();

        List<CrossCorpusDuplicates.Match> expected = bruteForceAcross(corpora, threshold, shingle);
        assertThat(expected).anyMatch(m -> m.kind() == DuplicateFinder.Kind.NEAR);
        assertThat(found).containsExactlyElementsOf(expected);
    }

    /** A template every case repeats, a few words that vary, and some cases retyped from an earlier one. */
    private static List<EvalCase> templatedCases(Random random, String prefix, int n) {
        List<EvalCase> cases = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text;
            if (!texts.isEmpty() && random.nextInt(4) == 0) {
                // an earlier case with a word or two changed, dropped or added
                List<String> words = new ArrayList<>(List.of(texts.get(random.nextInt(texts.size())).split(" ")));
                int edits = 1 + random.nextInt(2);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(words.size());
                    switch (random.nextInt(3)) {
                        case 0 -> words.set(at, WORDS[random.nextInt(WORDS.length)]);
                        case 1 -> words.remove(at);
                        default -> words.add(at, WORDS[random.nextInt(WORDS.length)]);
                    }
                }
                text = String.join(" ", words);
            } else {
                StringBuilder b = new StringBuilder("hello i have a question about my");
                for (int w = 0, words = 3 + random.nextInt(8); w < words; w++) {
                    b.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
                }
                text = b.append(" can you help me please").toString();
            }
            texts.add(text);
            cases.add(new EvalCase(prefix + "-" + i, Map.of("input", text), Map.of(), List.of(), Map.of()));
        }
        return cases;
    }

    private static Corpus corpus(String name, List<EvalCase> cases) {
        return new Corpus(new CorpusManifest(name, "1", "d", "MIT", "s", null, "0".repeat(64), List.of(), null), Path.of(name),
                cases);
    }

    private static Set<String> shingles(EvalCase c, int shingle) {
        return DuplicateFinder.shingles(InputText.wordsOf(InputText.normalize(InputText.of(c, List.of()))),
                shingle);
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        long shared = a.stream().filter(b::contains).count();
        long union = a.size() + b.size() - shared;
        return union == 0 ? 0 : (double) shared / union;
    }

    private static List<DuplicateFinder.Duplicate> bruteForceWithin(List<EvalCase> cases, double threshold,
                                                                    int shingle) {
        List<DuplicateFinder.Duplicate> out = new ArrayList<>();
        Map<String, String> firstByText = new HashMap<>();
        List<EvalCase> kept = new ArrayList<>();
        for (EvalCase c : cases) {
            String first = firstByText.putIfAbsent(InputText.normalize(InputText.of(c, List.of())), c.id());
            if (first != null) {
                out.add(new DuplicateFinder.Duplicate(c.id(), first, DuplicateFinder.Kind.EXACT, 1.0));
                continue;
            }
            EvalCase best = null;
            double bestSimilarity = 0;
            for (EvalCase k : kept) {
                double similarity = jaccard(shingles(c, shingle), shingles(k, shingle));
                if (similarity > bestSimilarity) {
                    best = k;
                    bestSimilarity = similarity;
                }
            }
            if (best != null && bestSimilarity >= threshold) {
                out.add(new DuplicateFinder.Duplicate(c.id(), best.id(), DuplicateFinder.Kind.NEAR, bestSimilarity));
            } else {
                kept.add(c);
            }
        }
        return out;
    }

    private static List<CrossCorpusDuplicates.Match> bruteForceAcross(List<Corpus> corpora, double threshold,
                                                                      int shingle) {
        List<CrossCorpusDuplicates.Match> out = new ArrayList<>();
        for (int ci = 0; ci < corpora.size(); ci++) {
            for (EvalCase c : corpora.get(ci).cases()) {
                String text = InputText.normalize(InputText.of(c, List.of()));
                CrossCorpusDuplicates.Match exact = null;
                CrossCorpusDuplicates.Match near = null;
                double bestSimilarity = 0;
                for (int oi = 0; oi < ci; oi++) {
                    for (EvalCase o : corpora.get(oi).cases()) {
                        if (exact == null && InputText.normalize(InputText.of(o, List.of())).equals(text)) {
                            exact = new CrossCorpusDuplicates.Match(ci, c.id(), oi, o.id(),
                                    DuplicateFinder.Kind.EXACT, 1.0);
                        }
                        double similarity = jaccard(shingles(c, shingle), shingles(o, shingle));
                        if (similarity >= threshold && similarity > bestSimilarity) {
                            bestSimilarity = similarity;
                            near = new CrossCorpusDuplicates.Match(ci, c.id(), oi, o.id(),
                                    DuplicateFinder.Kind.NEAR, similarity);
                        }
                    }
                }
                if (exact != null || near != null) {
                    out.add(exact != null ? exact : near);
                }
            }
        }
        return out;
    }
}
