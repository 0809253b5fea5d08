package dev.evalgate.reports.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.ResultsByCase;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.compare.CaseOutcome;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.cost.RunCosts;
import dev.evalgate.engine.cost.RunPricing;

/** Groups a run's results by case, classifies each case against the baseline and caps every text shown. */
final class CaseViews {
    private CaseViews() {
    }

    /** Each case's results, as views of the run's list: a run's results are read from its file, not copied. */
    static Map<String, List<CaseResult>> byCase(List<CaseResult> results) {
        return ResultsByCase.of(results);
    }

    /** The run's cases, each view built when read (see {@link RunCaseViews}). */
    static List<CaseView> of(RunResult run, Optional<RunResult> baseline, Optional<Comparison> comparison) {
        Map<String, List<CaseResult>> before = baseline.map(b -> byCase(b.results())).orElse(Map.of());
        // Each case's diff is looked up when its view is made: the comparison makes it then, rather than holding
        // one per case.
        Function<String, CaseDiff> diffs = comparison.<Function<String, CaseDiff>>map(c -> c::caseDiff)
                .orElse(key -> null);
        boolean compared = baseline.isPresent() || comparison.isPresent();
        return new RunCaseViews(run.results(), before, baseline.map(RunResult::results).orElse(null), diffs,
                compared, RunCosts.pricing(run));
    }

    static CaseView view(List<CaseResult> repeats, Map<String, List<CaseResult>> before,
                         Function<String, CaseDiff> diffs,
                         boolean compared, RunPricing pricing) {
        CaseResult first = repeats.get(0);
        String key = first.key();
        CaseStatus status = CaseStatus.of(repeats);
        List<CaseResult> baseRepeats = before.getOrDefault(key, List.of());
        CaseDiff diff = diffs.apply(key);
        CaseStatus baseStatus;
        CaseChange change;
        List<RepeatView> baseViews;
        if (diff != null) {
            // The engine's comparison is authoritative: the gate decided on these same classifications.
            baseStatus = diff.baseline() == null ? null : CaseStatus.of(diff.baseline());
            change = CaseChange.of(diff.status());
            baseViews = !baseRepeats.isEmpty() ? baseRepeats.stream().map(CaseViews::baselineRepeat).toList()
                    : diff.baseline() == null ? List.of() : List.of(firstRepeat(diff.baseline()));
        } else {
            baseStatus = baseRepeats.isEmpty() ? null : CaseStatus.of(baseRepeats);
            change = !compared ? CaseChange.NONE : CaseChange.between(baseStatus, status);
            baseViews = baseRepeats.stream().map(CaseViews::baselineRepeat).toList();
        }
        Set<String> failed = new LinkedHashSet<>();
        double latency = 0;
        for (CaseResult r : repeats) {
            for (Score s : r.scores()) {
                if (!s.passed()) {
                    failed.add(s.name());
                }
            }
            latency += r.stats().latencyMs();
        }
        return new CaseView(key, first.corpus(), first.caseId(), first.tags(),
                first.tags().contains(EvalCase.ADVERSARIAL_TAG), status.label(), change.label(),
                baseStatus == null ? null : baseStatus.label(), List.copyOf(failed),
                TextCap.cap(first.prompt(), TextCap.PROMPT_CHARS), new RepeatViews(repeats, pricing), baseViews,
                latency / repeats.size());
    }

    /**
     * A case's repeats, each view made when read: the passes that only count cases by status or tag never build
     * the outputs and explanations that only the case data and the short lists write.
     */
    static final class RepeatViews extends java.util.AbstractList<RepeatView> implements java.util.RandomAccess {
        private final List<CaseResult> repeats;
        private final RunPricing pricing;

        RepeatViews(List<CaseResult> repeats, RunPricing pricing) {
            this.repeats = repeats;
            this.pricing = pricing;
        }

        @Override
        public RepeatView get(int index) {
            return repeat(repeats.get(index), pricing);
        }

        @Override
        public int size() {
            return repeats.size();
        }
    }

    /** The baseline side when only the comparison is at hand: its first repeat's output, without call details. */
    private static RepeatView firstRepeat(CaseOutcome outcome) {
        String out = outcome.output();
        return new RepeatView(0, outcome.passed() == outcome.repeats(), TextCap.cap(outcome.error(),
                TextCap.ERROR_CHARS), TextCap.cap(out, TextCap.OUTPUT_CHARS), out.length(), false, null, 0, 0, 0,
                null, "", 0, 0, 0, false, List.of(), null);
    }

    /**
     * The baseline side of the detail view shows the output and each score's value next to the candidate's; the
     * explanations and call details stay in the baseline's own report, which keeps large reports small.
     */
    static RepeatView baselineRepeat(CaseResult r) {
        List<ScoreView> scores = r.scores().stream()
                .map(s -> new ScoreView(s.name(), s.value(), s.passed(), s.undecided(), null)).toList();
        return new RepeatView(r.repeat(), r.passed(), TextCap.cap(r.error(), TextCap.ERROR_CHARS),
                TextCap.cap(r.output(), TextCap.OUTPUT_CHARS), r.output().length(), r.outputTruncated(), null, 0, 0,
                0, null, null, 0, 0, 0, false, scores, null);
    }

    static RepeatView repeat(CaseResult r, RunPricing pricing) {
        List<ScoreView> scores = r.scores().stream()
                .map(s -> new ScoreView(s.name(), s.value(), s.passed(), s.undecided(),
                        TextCap.cap(s.explanation(), TextCap.EXPLANATION_CHARS)))
                .toList();
        return new RepeatView(r.repeat(), r.passed(), TextCap.cap(r.error(), TextCap.ERROR_CHARS),
                TextCap.cap(r.output(), TextCap.OUTPUT_CHARS), r.output().length(), r.outputTruncated(),
                r.traceId(), r.stats().promptTokens(), r.stats().completionTokens(), r.stats().latencyMs(),
                r.stats().ttftMs(), r.stats().finishReason(), r.stats().calls(), r.stats().cachedCalls(),
                r.repairAttempts(), r.fallbackUsed(), scores,
                RunCosts.format(RunCosts.ofResult(r, pricing)));
    }
}
