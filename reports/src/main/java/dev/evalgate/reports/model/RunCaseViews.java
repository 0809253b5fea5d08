package dev.evalgate.reports.model;

import java.util.AbstractList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.internal.ResultDigest;
import dev.evalgate.engine.internal.ResultsByCase;

/**
 * A run's cases as the report shows them, each {@link CaseView} built when it is read and dropped after: the
 * renderers stream through it, so a 100,000-case report holds the run's results once, not a second copy of every
 * output and explanation. Views are rebuilt on each read; they are cheap next to writing them.
 *
 * <p>The passes that only count, filter or rank cases read {@link #summaries()}: the same views without prompt and
 * repeats, made from the results' digests, so on a heap too small to keep the results they parse none of them.
 */
final class RunCaseViews extends AbstractList<CaseView> implements RandomAccess {
    private final List<CaseResult> results;
    private final ResultDigest digest;
    /** Per case, in order of first appearance, the positions of its results in the run's list. */
    private final int[][] positions;
    private final Map<String, List<CaseResult>> baseline;
    private final List<CaseResult> baselineResults;
    private final Function<String, CaseDiff> diffs;
    private final boolean compared;
    private final RunPricing pricing;
    private final List<CaseView> summaries = new Summaries();
    /** Per baseline case: repeats, passed, errored; made on first use. */
    private int[][] baselineCounts;

    /** @param baselineResults the baseline run's results, or null without a baseline run */
    RunCaseViews(List<CaseResult> results, Map<String, List<CaseResult>> baseline, List<CaseResult> baselineResults,
                 Function<String, CaseDiff> diffs, boolean compared, RunPricing pricing) {
        this.results = results;
        this.digest = ResultDigest.of(results);
        this.positions = digest.positionsByCase();
        this.baseline = baseline;
        this.baselineResults = baselineResults;
        this.diffs = diffs;
        this.compared = compared;
        this.pricing = pricing;
    }

    @Override
    public CaseView get(int index) {
        return CaseViews.view(ResultsByCase.at(results, positions[index]), baseline, diffs, compared, pricing);
    }

    @Override
    public int size() {
        return positions.length;
    }

    /** The cases as {@link #get} makes them, but without prompt, repeats and baseline repeats. */
    List<CaseView> summaries() {
        return summaries;
    }

    private CaseView summary(int index) {
        int[] at = positions[index];
        String key = digest.caseKey(index);
        String corpus = digest.corpus(index);
        List<String> tags = digest.tags(at[0]);
        int passed = 0;
        int errored = 0;
        double latency = 0;
        Set<String> failed = new LinkedHashSet<>();
        for (int i : at) {
            if (digest.passed(i)) {
                passed++;
            } else if (digest.errored(i)) {
                errored++;
            }
            digest.forEachScore(i, (s, value, scorePassed, undecided, untrusted) -> {
                if (!scorePassed) {
                    failed.add(digest.scorers().get(s));
                }
            });
            latency += digest.latencyMs(i);
        }
        CaseStatus status = CaseStatus.of(passed, errored, at.length);
        CaseDiff diff = diffs.apply(key);
        CaseStatus baseStatus;
        CaseChange change;
        if (diff != null) {
            baseStatus = diff.baseline() == null ? null : CaseStatus.of(diff.baseline());
            change = CaseChange.of(diff.status());
        } else {
            baseStatus = baselineStatus(key);
            change = !compared ? CaseChange.NONE : CaseChange.between(baseStatus, status);
        }
        return new CaseView(key, corpus, corpus.isEmpty() ? key : key.substring(corpus.length() + 1), tags,
                tags.contains(EvalCase.ADVERSARIAL_TAG), status.label(), change.label(),
                baseStatus == null ? null : baseStatus.label(), List.copyOf(failed), "", List.of(), List.of(),
                latency / at.length);
    }

    /** The case's status in the baseline run, as {@link CaseStatus#of(List)} gives it, or null. */
    private synchronized CaseStatus baselineStatus(String key) {
        if (baselineResults == null) {
            return null;
        }
        ResultDigest before = ResultDigest.of(baselineResults);
        if (baselineCounts == null) {
            baselineCounts = new int[3][before.cases()];
            for (int i = 0; i < before.size(); i++) {
                int c = before.caseOf(i);
                baselineCounts[0][c]++;
                if (before.passed(i)) {
                    baselineCounts[1][c]++;
                } else if (before.errored(i)) {
                    baselineCounts[2][c]++;
                }
            }
        }
        int c = before.caseNumber(key);
        return c < 0 ? null : CaseStatus.of(baselineCounts[1][c], baselineCounts[2][c], baselineCounts[0][c]);
    }

    /** The summaries, each made when read. */
    private final class Summaries extends AbstractList<CaseView> implements RandomAccess {
        @Override
        public CaseView get(int index) {
            return summary(index);
        }

        @Override
        public int size() {
            return positions.length;
        }
    }
}
