package dev.evalgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;

/** Groups a run's results by case, classifies each case against the baseline and caps every text shown. */
final class CaseViews {
    private CaseViews() {
    }

    static Map<String, List<CaseResult>> byCase(List<CaseResult> results) {
        Map<String, List<CaseResult>> grouped = new LinkedHashMap<>();
        for (CaseResult r : results) {
            grouped.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        return grouped;
    }

    static List<CaseView> of(RunResult run, Optional<RunResult> baseline) {
        Map<String, List<CaseResult>> before = baseline.map(b -> byCase(b.results())).orElse(Map.of());
        List<CaseView> views = new ArrayList<>();
        for (Map.Entry<String, List<CaseResult>> entry : byCase(run.results()).entrySet()) {
            List<CaseResult> repeats = entry.getValue();
            CaseResult first = repeats.get(0);
            CaseStatus status = CaseStatus.of(repeats);
            List<CaseResult> baseRepeats = before.getOrDefault(entry.getKey(), List.of());
            CaseStatus baseStatus = baseRepeats.isEmpty() ? null : CaseStatus.of(baseRepeats);
            CaseChange change = baseline.isEmpty() ? CaseChange.NONE : CaseChange.between(baseStatus, status);
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
            views.add(new CaseView(entry.getKey(), first.corpus(), first.caseId(), first.tags(),
                    first.tags().contains(EvalCase.ADVERSARIAL_TAG), status.label(), change.label(),
                    baseStatus == null ? null : baseStatus.label(), List.copyOf(failed),
                    TextCap.cap(first.prompt(), TextCap.PROMPT_CHARS), repeats.stream().map(CaseViews::repeat).toList(),
                    baseRepeats.stream().map(CaseViews::repeat).toList(), latency / repeats.size()));
        }
        return views;
    }

    static RepeatView repeat(CaseResult r) {
        List<ScoreView> scores = r.scores().stream()
                .map(s -> new ScoreView(s.name(), s.value(), s.passed(), s.undecided(),
                        TextCap.cap(s.explanation(), TextCap.EXPLANATION_CHARS)))
                .toList();
        return new RepeatView(r.repeat(), r.passed(), TextCap.cap(r.error(), TextCap.ERROR_CHARS),
                TextCap.cap(r.output(), TextCap.OUTPUT_CHARS), r.output().length(), r.outputTruncated(),
                r.traceId(), r.stats().promptTokens(), r.stats().completionTokens(), r.stats().latencyMs(),
                r.stats().ttftMs(), r.stats().finishReason(), r.stats().calls(), r.stats().cachedCalls(),
                r.repairAttempts(), r.fallbackUsed(), scores);
    }
}
