package dev.evalgate.engine.compare;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.internal.ResultDigest;

/**
 * A run's results grouped by case: each case's {@link CaseOutcome} over its repeats, plus what the comparison
 * needs besides (tags, corpus, scorer order, scorers with untrusted scores).
 *
 * <p>Cases are kept as columns of numbers (counts, score sums, which scorers failed, where the first repeat lies in
 * the run's results) beside their keys, and each {@link Entry} and {@link CaseOutcome} is made when asked for: a
 * comparison of 100,000 cases holds a few hundred bytes per case, whatever the size of the outputs, which are read
 * from the run's results only where a report shows them.
 */
public final class CaseOutcomes {
    /** One case of a run. */
    public record Entry(String key, String corpus, String caseId, List<String> tags, CaseOutcome outcome) {
    }

    private final List<CaseResult> results;
    private final ResultDigest digest;
    private final int[] first;
    private final int[] repeats;
    private final int[] passed;
    private final int[] errored;
    /** Per scorer (in {@link #scorers} order): the sum of its values over each case's repeats. */
    private final double[][] sums;
    /** Per scorer: the cases where it gave at least one score. */
    private final BitSet[] scored;
    /** Per scorer: the cases where it failed at least one repeat with a trusted score. */
    private final BitSet[] failed;
    private final List<String> scorers;
    private final Set<String> untrustedScorers;
    private final int untrustedScores;
    private final Map<String, Entry> entries = new EntryMap();

    public static CaseOutcomes of(RunResult run) {
        List<String> declared = run.spec().scorers().stream().map(ScorerSpec::name).toList();
        return of(run.results(), declared);
    }

    /**
     * @param declaredScorers scorer names in suite order; scorers seen only in results follow them
     */
    public static CaseOutcomes of(List<CaseResult> results, List<String> declaredScorers) {
        return new CaseOutcomes(results, ResultDigest.of(results), declaredScorers);
    }

    private CaseOutcomes(List<CaseResult> results, ResultDigest d, List<String> declaredScorers) {
        // Folded from the results' digest, one case a row: a run read from its file parses no result for this.
        this.results = results;
        this.digest = d;
        Set<String> scorerNames = new LinkedHashSet<>(declaredScorers);
        scorerNames.addAll(d.scorers());
        scorers = List.copyOf(scorerNames);
        int[] column = new int[d.scorers().size()];
        for (int s = 0; s < column.length; s++) {
            column[s] = scorers.indexOf(d.scorers().get(s));
        }
        int n = d.cases();
        first = new int[n];
        Arrays.fill(first, -1);
        repeats = new int[n];
        passed = new int[n];
        errored = new int[n];
        sums = new double[scorers.size()][n];
        scored = new BitSet[scorers.size()];
        failed = new BitSet[scorers.size()];
        for (int s = 0; s < scorers.size(); s++) {
            scored[s] = new BitSet();
            failed[s] = new BitSet();
        }
        Set<String> untrusted = new LinkedHashSet<>();
        int[] untrustedCount = new int[1];
        for (int i = 0; i < d.size(); i++) {
            int c = d.caseOf(i);
            if (first[c] < 0) {
                first[c] = i;
            }
            repeats[c]++;
            passed[c] += d.trustedPassed(i) ? 1 : 0;
            errored[c] += d.errored(i) ? 1 : 0;
            d.forEachScore(i, (s, value, scorePassed, undecided, isUntrusted) -> {
                int at = column[s];
                sums[at][c] += value;
                scored[at].set(c);
                if (!scorePassed && !isUntrusted) {
                    failed[at].set(c);
                }
                if (isUntrusted) {
                    untrusted.add(d.scorers().get(s));
                    untrustedCount[0]++;
                }
            });
        }
        untrustedScorers = Set.copyOf(untrusted);
        untrustedScores = untrustedCount[0];
    }

    /** How many cases the run has. */
    public int size() {
        return first.length;
    }

    /** Every case by key, in order of first appearance; each entry made when read. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The case with this key, or null. */
    public Entry get(String key) {
        int c = digest.caseNumber(key);
        return c < 0 ? null : entry(c);
    }

    /** Whether the run has the case. */
    public boolean contains(String key) {
        return digest.caseNumber(key) >= 0;
    }

    /** The outcome of the case with this key, or null. */
    public CaseOutcome outcome(String key) {
        int c = digest.caseNumber(key);
        return c < 0 ? null : outcome(c);
    }

    /** The case number of this key (its place in order of first appearance), or -1. */
    int indexOf(String key) {
        return digest.caseNumber(key);
    }

    String key(int c) {
        return digest.caseKey(c);
    }

    Entry entry(int c) {
        String key = digest.caseKey(c);
        String corpus = digest.corpus(c);
        String caseId = corpus.isEmpty() ? key : key.substring(corpus.length() + 1);
        return new Entry(key, corpus, caseId, digest.tags(first[c]), outcome(c));
    }

    /** The case's mean value of the scorer, as its {@link CaseOutcome#scores()} has it, or null. */
    Double score(int c, String scorer) {
        int s = scorers.indexOf(scorer);
        if (s < 0 || !scored[s].get(c) && errored[c] == 0) {
            return null;
        }
        return (scored[s].get(c) ? sums[s][c] : 0.0) / repeats[c];
    }

    CaseOutcome outcome(int c) {
        // A repeat that errored or lacks a score counts as 0 for that scorer: an error is the worst outcome.
        Map<String, Double> means = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>(0);
        for (int s = 0; s < scorers.size(); s++) {
            boolean has = scored[s].get(c);
            if (has || errored[c] > 0) {
                means.put(scorers.get(s), (has ? sums[s][c] : 0.0) / repeats[c]);
            }
            if (failed[s].get(c)) {
                failing.add(scorers.get(s));
            }
        }
        return new CaseOutcome(repeats[c], passed[c], errored[c], means, failing,
                CaseOutcome.FirstRepeat.at(results, first[c]));
    }

    public Collection<CaseOutcome> outcomes() {
        return new Outcomes();
    }

    public List<String> scorers() {
        return scorers;
    }

    public Set<String> untrustedScorers() {
        return untrustedScorers;
    }

    /** How many individual scores were marked untrusted. */
    public int untrustedScores() {
        return untrustedScores;
    }

    public Reliability reliability() {
        return Reliability.of(outcomes());
    }

    /** The outcomes in case order, each made when read. */
    private final class Outcomes extends AbstractList<CaseOutcome> implements RandomAccess {
        @Override
        public CaseOutcome get(int i) {
            return outcome(i);
        }

        @Override
        public int size() {
            return first.length;
        }
    }

    /** The cases by key, in order; read-only. */
    private final class EntryMap extends AbstractMap<String, CaseOutcomes.Entry> {
        @Override
        public CaseOutcomes.Entry get(Object key) {
            return key instanceof String k ? CaseOutcomes.this.get(k) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && contains(k);
        }

        @Override
        public int size() {
            return first.length;
        }

        @Override
        public Set<Map.Entry<String, CaseOutcomes.Entry>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, CaseOutcomes.Entry>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < first.length;
                        }

                        @Override
                        public Map.Entry<String, CaseOutcomes.Entry> next() {
                            if (next >= first.length) {
                                throw new NoSuchElementException();
                            }
                            int c = next++;
                            return new SimpleImmutableEntry<>(digest.caseKey(c), entry(c));
                        }
                    };
                }

                @Override
                public int size() {
                    return first.length;
                }
            };
        }
    }
}
