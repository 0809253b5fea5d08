package dev.evalgate.reports.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.cost.RunPricing;

/**
 * A run's cases as the report shows them, each {@link CaseView} built when it is read and dropped after: the
 * renderers stream through it, so a 100,000-case report holds the run's results once, not a second copy of every
 * output and explanation. Views are rebuilt on each read; they are cheap next to writing them.
 */
final class RunCaseViews extends AbstractList<CaseView> implements RandomAccess {
    private final List<List<CaseResult>> cases;
    private final Map<String, List<CaseResult>> baseline;
    private final Function<String, CaseDiff> diffs;
    private final boolean compared;
    private final RunPricing pricing;

    RunCaseViews(List<CaseResult> results, Map<String, List<CaseResult>> baseline,
                 Function<String, CaseDiff> diffs,
                 boolean compared, RunPricing pricing) {
        this.cases = grouped(results);
        this.baseline = baseline;
        this.diffs = diffs;
        this.compared = compared;
        this.pricing = pricing;
    }

    @Override
    public CaseView get(int index) {
        return CaseViews.view(cases.get(index), baseline, diffs, compared, pricing);
    }

    @Override
    public int size() {
        return cases.size();
    }

    /**
     * The results of each case, in order of first appearance. A run's results come case by case, so each case is
     * a view of the run's own list; results of one case spread apart (a merged or hand-made run) are gathered.
     */
    private static List<List<CaseResult>> grouped(List<CaseResult> results) {
        List<List<CaseResult>> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int start = 0;
        for (int i = 1; i <= results.size(); i++) {
            if (i == results.size() || !results.get(i).key().equals(results.get(start).key())) {
                if (!seen.add(results.get(start).key())) {
                    return new ArrayList<>(CaseViews.byCase(results).values());
                }
                groups.add(results.subList(start, i));
                start = i;
            }
        }
        return groups;
    }
}
