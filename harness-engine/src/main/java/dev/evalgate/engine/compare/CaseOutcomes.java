package dev.evalgate.engine.compare;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
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
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;

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
    private final Map<String, Integer> index;
    private final String[] keys;
    private final String[] corpora;
    private final List<String>[] tags;
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

    private CaseOutcomes(Builder b, List<String> scorers, Set<String> untrustedScorers, int untrustedScores) {
        int n = b.size;
        this.results = b.results;
        this.index = b.index;
        this.keys = Arrays.copyOf(b.keys, n);
        this.corpora = Arrays.copyOf(b.corpora, n);
        this.tags = Arrays.copyOf(b.tags, n);
        this.first = Arrays.copyOf(b.first, n);
        this.repeats = Arrays.copyOf(b.repeats, n);
        this.passed = Arrays.copyOf(b.passed, n);
        this.errored = Arrays.copyOf(b.errored, n);
        this.scorers = scorers;
        this.sums = new double[scorers.size()][];
        this.scored = new BitSet[scorers.size()];
        this.failed = new BitSet[scorers.size()];
        for (int s = 0; s < scorers.size(); s++) {
            Builder.Column column = b.columns.get(scorers.get(s));
            sums[s] = column == null ? new double[0] : Arrays.copyOf(column.sums, n);
            scored[s] = column == null ? new BitSet() : column.scored;
            failed[s] = column == null ? new BitSet() : column.failed;
        }
        this.untrustedScorers = untrustedScorers;
        this.untrustedScores = untrustedScores;
    }

    public static CaseOutcomes of(RunResult run) {
        List<String> declared = run.spec().scorers().stream().map(ScorerSpec::name).toList();
        return of(run.results(), declared);
    }

    /**
     * @param declaredScorers scorer names in suite order; scorers seen only in results follow them
     */
    public static CaseOutcomes of(List<CaseResult> results, List<String> declaredScorers) {
        // One pass, each case folded into its columns as its results go by: the results themselves may be read
        // from the run's file one at a time and are never all held at once.
        Builder b = new Builder(results);
        Set<String> scorerNames = new LinkedHashSet<>(declaredScorers);
        Set<String> untrusted = new LinkedHashSet<>();
        int untrustedScores = 0;
        int at = 0;
        for (CaseResult r : results) {
            b.add(r, at++);
            for (Score s : r.scores()) {
                scorerNames.add(s.name());
                if (TrustedScores.untrusted(s)) {
                    untrusted.add(s.name());
                    untrustedScores++;
                }
            }
        }
        return new CaseOutcomes(b, List.copyOf(scorerNames), Set.copyOf(untrusted), untrustedScores);
    }

    /** The columns as they grow, one row per case in order of first appearance. */
    private static final class Builder {
        private final List<CaseResult> results;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, String> corpusNames = new HashMap<>();
        private final Map<List<String>, List<String>> tagLists = new HashMap<>();
        private final Map<String, Column> columns = new HashMap<>();
        private String[] keys = new String[16];
        private String[] corpora = new String[16];
        @SuppressWarnings("unchecked")
        private List<String>[] tags = new List[16];
        private int[] first = new int[16];
        private int[] repeats = new int[16];
        private int[] passed = new int[16];
        private int[] errored = new int[16];
        private int size;

        /** One scorer's values and verdicts, by case. */
        private final class Column {
            double[] sums = new double[keys.length];
            final BitSet scored = new BitSet();
            final BitSet failed = new BitSet();
        }

        Builder(List<CaseResult> results) {
            this.results = results;
        }

        void add(CaseResult r, int at) {
            String key = r.key();
            Integer known = index.get(key);
            int c;
            if (known == null) {
                c = size++;
                grow();
                index.put(key, c);
                keys[c] = key;
                // Runs name a handful of corpora and tag sets: each is held once, not once per case.
                corpora[c] = corpusNames.computeIfAbsent(r.corpus(), k -> k);
                tags[c] = tagLists.computeIfAbsent(r.tags(), k -> k);
                first[c] = at;
            } else {
                c = known;
            }
            repeats[c]++;
            passed[c] += TrustedScores.passed(r) ? 1 : 0;
            errored[c] += r.errored() ? 1 : 0;
            for (Score s : r.scores()) {
                Column column = columns.computeIfAbsent(s.name(), k -> new Column());
                if (column.sums.length < keys.length) {
                    column.sums = Arrays.copyOf(column.sums, keys.length);
                }
                column.sums[c] += s.value();
                column.scored.set(c);
                if (!s.passed() && !TrustedScores.untrusted(s)) {
                    column.failed.set(c);
                }
            }
        }

        private void grow() {
            if (size <= keys.length) {
                return;
            }
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            corpora = Arrays.copyOf(corpora, capacity);
            tags = Arrays.copyOf(tags, capacity);
            first = Arrays.copyOf(first, capacity);
            repeats = Arrays.copyOf(repeats, capacity);
            passed = Arrays.copyOf(passed, capacity);
            errored = Arrays.copyOf(errored, capacity);
        }
    }

    /** How many cases the run has. */
    public int size() {
        return keys.length;
    }

    /** Every case by key, in order of first appearance; each entry made when read. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The case with this key, or null. */
    public Entry get(String key) {
        Integer c = index.get(key);
        return c == null ? null : entry(c);
    }

    /** Whether the run has the case. */
    public boolean contains(String key) {
        return index.containsKey(key);
    }

    /** The outcome of the case with this key, or null. */
    public CaseOutcome outcome(String key) {
        Integer c = index.get(key);
        return c == null ? null : outcome(c);
    }

    /** The case number of this key (its place in order of first appearance), or -1. */
    int indexOf(String key) {
        Integer c = index.get(key);
        return c == null ? -1 : c;
    }

    String key(int c) {
        return keys[c];
    }

    Entry entry(int c) {
        String key = keys[c];
        String corpus = corpora[c];
        String caseId = corpus.isEmpty() ? key : key.substring(corpus.length() + 1);
        return new Entry(key, corpus, caseId, tags[c], outcome(c));
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
            return keys.length;
        }
    }

    /** The cases by key, in order; read-only. */
    private final class EntryMap extends AbstractMap<String, CaseOutcomes.Entry> {
        @Override
        public CaseOutcomes.Entry get(Object key) {
            Integer c = index.get(key);
            return c == null ? null : entry(c);
        }

        @Override
        public boolean containsKey(Object key) {
            return index.containsKey(key);
        }

        @Override
        public int size() {
            return keys.length;
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
                            return next < keys.length;
                        }

                        @Override
                        public Map.Entry<String, CaseOutcomes.Entry> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int c = next++;
                            return new SimpleImmutableEntry<>(keys[c], entry(c));
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}
