package dev.evalgate.engine.compare;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;

/**
 * A run's results grouped by case: each case's {@link CaseOutcome} over its repeats, plus what the comparison
 * needs besides (tags, corpus, scorer order, scorers with untrusted scores).
 */
public final class CaseOutcomes {
    /** One case of a run. */
    public record Entry(String key, String corpus, String caseId, List<String> tags, CaseOutcome outcome) {
    }

    private final Map<String, Entry> entries;
    private final List<String> scorers;
    private final Set<String> untrustedScorers;
    private final int untrustedScores;

    private CaseOutcomes(Map<String, Entry> entries, List<String> scorers, Set<String> untrustedScorers,
                         int untrustedScores) {
        this.entries = entries;
        this.scorers = scorers;
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
        // One pass, each case folded into a small tally as its results go by: the results themselves may be read
        // from the run's file one at a time and are never all held at once.
        Map<String, Tally> byKey = new LinkedHashMap<>();
        Set<String> scorerNames = new LinkedHashSet<>(declaredScorers);
        Set<String> untrusted = new LinkedHashSet<>();
        int untrustedScores = 0;
        for (CaseResult r : results) {
            byKey.computeIfAbsent(r.key(), k -> new Tally(r)).add(r);
            for (Score s : r.scores()) {
                scorerNames.add(s.name());
                if (TrustedScores.untrusted(s)) {
                    untrusted.add(s.name());
                    untrustedScores++;
                }
            }
        }
        List<String> scorers = List.copyOf(scorerNames);
        Map<String, Entry> entries = new LinkedHashMap<>();
        byKey.forEach((key, tally) -> entries.put(key, new Entry(key, tally.corpus, tally.caseId, tally.tags,
                tally.outcome(scorers))));
        return new CaseOutcomes(entries, scorers, Set.copyOf(untrusted), untrustedScores);
    }

    /** One case's repeats so far: counts, score sums, failed scorers, and the first repeat's output and error. */
    private static final class Tally {
        private final String corpus;
        private final String caseId;
        private final List<String> tags;
        private final String output;
        private final String error;
        private final Map<String, Double> sums = new LinkedHashMap<>(4);
        private final Set<String> failed = new LinkedHashSet<>(4);
        private int repeats;
        private int passed;
        private int errored;

        Tally(CaseResult first) {
            corpus = first.corpus();
            caseId = first.caseId();
            tags = first.tags();
            output = CaseResult.cap(first.output(), CaseOutcome.MAX_OUTPUT_CHARS);
            error = first.error();
        }

        void add(CaseResult r) {
            repeats++;
            passed += TrustedScores.passed(r) ? 1 : 0;
            errored += r.errored() ? 1 : 0;
            for (Score s : r.scores()) {
                sums.merge(s.name(), s.value(), Double::sum);
                if (!s.passed() && !TrustedScores.untrusted(s)) {
                    failed.add(s.name());
                }
            }
        }

        CaseOutcome outcome(List<String> scorers) {
            // A repeat that errored or lacks a score counts as 0 for that scorer: an error is the worst outcome.
            Map<String, Double> means = new LinkedHashMap<>();
            for (String name : scorers) {
                Double sum = sums.get(name);
                if (sum != null || errored > 0) {
                    means.put(name, (sum == null ? 0.0 : sum) / repeats);
                }
            }
            return new CaseOutcome(repeats, passed, errored, means, List.copyOf(failed), output, error);
        }
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public Collection<CaseOutcome> outcomes() {
        return entries.values().stream().map(Entry::outcome).toList();
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
}
