package dev.evalgate.engine.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.internal.RunStore;

/**
 * Sets a candidate run against a baseline run: per-case diff keyed by {@code CaseResult.key()}, and per metric the
 * means with bootstrap intervals, the paired difference and its paired test, all over the cases both runs
 * evaluated.
 */
public final class RunComparator {
    private final CompareOptions options;

    public RunComparator(CompareOptions options) {
        this.options = options;
    }

    public RunComparator() {
        this(CompareOptions.DEFAULT);
    }

    /**
     * @throws InvalidInputException when the runs evaluated different corpus versions and the options do not allow
     *                               it; the message names the corpora and what to do
     */
    public Comparison compare(RunResult baseline, RunResult candidate) {
        List<String> corpusChanges = checkCorpora(baseline, candidate.spec().corpora());
        List<String> notes = new ArrayList<>();
        corpusChanges.forEach(change -> notes.add(change + "; compared shared case ids only"));

        CaseOutcomes before = CaseOutcomes.of(baseline);
        CaseOutcomes after = CaseOutcomes.of(candidate);
        // Shared cases as pairs of case numbers: the diffs themselves are made when read (CaseDiffs).
        int[] sharedBefore = new int[after.size()];
        int[] sharedAfter = new int[after.size()];
        int n = 0;
        for (int c = 0; c < after.size(); c++) {
            int b = before.indexOf(after.key(c));
            if (b >= 0) {
                sharedBefore[n] = b;
                sharedAfter[n++] = c;
            }
        }
        int[][] shared = {Arrays.copyOf(sharedBefore, n), Arrays.copyOf(sharedAfter, n)};
        // Same corpus, case not run: the candidate ran a tier or a shard. The case was not removed.
        int notRun = corpusChanges.isEmpty() ? before.size() - n : 0;
        CaseDiffs diffs = CaseDiffs.between(before, after, !corpusChanges.isEmpty());
        if (n == 0) {
            notes.add("the two runs share no case ids, so no metric could be compared; check that they ran the "
                    + "same corpora");
        }
        if (notRun > 0) {
            notes.add(notRun + " baseline cases were not run by the candidate (a tier or shard) and are left out");
        }
        Set<String> untrusted = new LinkedHashSet<>(before.untrustedScorers());
        untrusted.addAll(after.untrustedScorers());
        if (!untrusted.isEmpty()) {
            notes.add("scores of " + String.join(", ", untrusted) + " come from a judge that failed its "
                    + "calibration (details.untrusted); they are shown but not counted in pass/fail");
        }
        List<MetricDelta> metrics = metrics(before, after, shared, untrusted);
        for (MetricDelta m : metrics) {
            m.intervalDisagreement().ifPresent(notes::add);
        }
        ComparedRun base = ComparedRun.of(baseline, before.reliability());
        ComparedRun cand = ComparedRun.of(candidate, after.reliability());
        if (!Comparability.REPEATS.same(base, cand)) {
            notes.add("the baseline ran every case " + base.repeats() + " times and the candidate "
                    + cand.repeats() + " times; flakiness shows up differently on each side");
        }
        return new Comparison(base, cand, diffs, metrics, notes);
    }

    /**
     * Checks before a run that its corpora match the baseline's, so a run that could not be compared is refused
     * before it calls a model.
     *
     * @return the differences, when the options allow them
     * @throws InvalidInputException when the corpora differ and the options do not allow it
     */
    public List<String> checkCorpora(RunResult baseline, List<CorpusRef> candidateCorpora) {
        List<String> changes = CorpusCompatibility.differences(baseline.spec().corpora(), candidateCorpora);
        if (!changes.isEmpty() && !options.allowCorpusChange()) {
            Path where = baseline.directory() == null ? null : baseline.directory().resolve(RunStore.RUN_FILE);
            throw new AdvisedInputException(where, 0, "corpora", Advice.text("cannot compare with this baseline: "
                    + String.join("; ", changes) + ". Run the baseline bundle on the new corpus and promote that "
                    + "run, or use ").then(Setting.ALLOW_CORPUS_CHANGE)
                    .then(" to compare only the case ids both runs share"), null);
        }
        return changes;
    }

    static DiffStatus status(CaseOutcome baseline, CaseOutcome candidate) {
        if (baseline.flaky() || candidate.flaky()) {
            return DiffStatus.FLAKY;
        }
        boolean was = baseline.passAllK();
        boolean is = candidate.passAllK();
        if (was && is) {
            return DiffStatus.UNCHANGED_PASS;
        }
        if (!was && !is) {
            return DiffStatus.UNCHANGED_FAIL;
        }
        return was ? DiffStatus.REGRESSED : DiffStatus.FIXED;
    }

    private List<MetricDelta> metrics(CaseOutcomes before, CaseOutcomes after, int[][] shared,
                                      Set<String> untrusted) {
        List<MetricDelta> metrics = new ArrayList<>();
        int n = shared[0].length;
        double[] b = new double[n];
        double[] c = new double[n];
        int better = 0;
        int worse = 0;
        for (int i = 0; i < n; i++) {
            CaseOutcome x = before.outcome(shared[0][i]);
            CaseOutcome y = after.outcome(shared[1][i]);
            b[i] = x.passRate();
            c[i] = y.passRate();
            // McNemar needs one verdict per case: the majority of its repeats (the only verdict when k = 1).
            boolean wasPass = x.passRate() > 0.5;
            boolean isPass = y.passRate() > 0.5;
            better += !wasPass && isPass ? 1 : 0;
            worse += wasPass && !isPass ? 1 : 0;
        }
        metrics.add(delta(MetricDelta.OVERALL_PASS, MetricDelta.Kind.PASS_RATE, true, b, c,
                McNemarTest.test(better, worse, n)));

        Set<String> scorers = new LinkedHashSet<>(after.scorers());
        scorers.addAll(before.scorers());
        for (String scorer : scorers) {
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Double x = before.score(shared[0][i], scorer);
                Double y = after.score(shared[1][i], scorer);
                if (x != null && y != null) {
                    pairs.add(new double[] {x, y});
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            double[] bs = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] cs = pairs.stream().mapToDouble(p -> p[1]).toArray();
            metrics.add(delta(scorer, MetricDelta.Kind.SCORE, !untrusted.contains(scorer), bs, cs,
                    WilcoxonTest.test(bs, cs)));
        }
        return metrics;
    }

    private MetricDelta delta(String metric, MetricDelta.Kind kind, boolean trusted, double[] baseline,
                              double[] candidate, PairedTest test) {
        // One seed per metric and one set of resamples for the three intervals, so they are consistent with each
        // other.
        long seed = options.seed() ^ metric.hashCode();
        Bootstrap.Paired intervals = Bootstrap.paired(baseline, candidate, options.resamples(), options.confidence(),
                seed);
        return new MetricDelta(metric, kind, trusted, intervals.baseline(), intervals.candidate(), intervals.delta(),
                test);
    }
}
