package dev.evalgate.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;

/** Builds runs in memory from case results, so comparisons and gates can be tested on known differences. */
public final class SyntheticRuns {
    public static final CorpusRef CORPUS = new CorpusRef("qa", "1.0", "a".repeat(64), 0);

    private static final List<CaseResult> PASSING = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<CaseResult> FAILING = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SyntheticRuns() {
    }

    public static RunResult run(String runId, List<CaseResult> results) {
        return run(runId, List.of(CORPUS), results);
    }

    public static RunResult run(String runId, List<CorpusRef> corpora, List<CaseResult> results) {
        List<ScorerSpec> scorers = results.stream().flatMap(r -> r.scores().stream()).map(Score::name).distinct()
                .map(n -> ScorerSpec.of(n, Map.of())).toList();
        int repeats = results.stream().mapToInt(CaseResult::repeat).max().orElse(0) + 1;
        Bundle bundle = new Bundle("support", runId, "replay:outputs.jsonl", "", "{{input}}", null, null, null);
        RunSpec spec = new RunSpec(runId, "suite", "suite.yaml", "2026-01-01T00:00:00Z", "test", bundle,
                bundle.digest(), new ModelInfo("replay", "outputs.jsonl", "", 0), corpora, scorers, repeats,
                List.of(42L), 1, 1000, "host", "17", "linux");
        return new RunResult(spec, results, RunSummary.of(results, 0, 0), null);
    }

    /** One repeat of a case with one scorer {@code exact} that passes or fails. */
    public static CaseResult result(String id, int repeat, boolean passed, String... tags) {
        return result(id, repeat, List.of(Score.of("exact", passed, "", Map.of())), tags);
    }

    public static CaseResult result(String id, int repeat, List<Score> scores, String... tags) {
        return new CaseResult("qa", id, repeat, "t-" + id + "-" + repeat, List.of(tags), "prompt", "output " + id,
                false, new CallStats(100, 20, 50, null, "stop", 1, 0), scores, null, 0, false);
    }

    /** A case id for index i, zero-padded so ids sort like their indices. */
    public static String id(int i) {
        return String.format("c%04d", i);
    }

    /** One result per case with the given verdicts. Results are immutable, so they are built once and shared. */
    public static List<CaseResult> verdicts(boolean[] passed) {
        List<CaseResult> out = new ArrayList<>(passed.length);
        for (int i = 0; i < passed.length; i++) {
            while (PASSING.size() <= i) {
                int next = PASSING.size();
                PASSING.add(result(id(next), 0, true));
                FAILING.add(result(id(next), 0, false));
            }
            out.add(passed[i] ? PASSING.get(i) : FAILING.get(i));
        }
        return out;
    }
}
