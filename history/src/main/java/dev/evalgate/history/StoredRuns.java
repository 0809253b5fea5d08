package dev.evalgate.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.TrustedScores;
import dev.evalgate.engine.internal.Json;

/**
 * Rebuilds a recorded run as a {@link RunResult}, so the engine's comparison works on runs whose directories are
 * gone (an ephemeral CI runner). Outputs are the history's kept part ({@link RunRecorder#MAX_OUTPUT_CHARS}).
 */
public final class StoredRuns {
    private StoredRuns() {
    }

    public static RunResult load(HistoryQueries queries, String runId) {
        RunSpec spec;
        try {
            spec = Json.MAPPER.readValue(queries.specJson(runId), RunSpec.class);
        } catch (JsonProcessingException e) {
            throw new HistoryException("the recorded spec of run " + runId + " is unreadable: "
                    + e.getOriginalMessage(), e);
        }
        Map<String, List<Score>> scores = new HashMap<>();
        queries.query("SELECT case_key, repeat_index, scorer, value, passed, undecided, untrusted, explanation FROM "
                + "case_scores WHERE run_id = ? ORDER BY case_key, repeat_index, scorer", List.of(runId), r -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    if (r.getInt(6) == 1) {
                        details.put(Score.VERDICT, Score.UNDECIDED);
                    }
                    if (r.getInt(7) == 1) {
                        details.put(TrustedScores.UNTRUSTED, true);
                    }
                    scores.computeIfAbsent(r.getString(1) + "\u0000" + r.getInt(2), k -> new ArrayList<>())
                            .add(new Score(r.getString(3), r.getDouble(4), r.getInt(5) == 1, r.getString(8), details));
                    return null;
                });
        List<CaseResult> results = queries.query("SELECT case_key, repeat_index, corpus, case_id, tags, output, "
                + "output_chars, prompt_tokens, completion_tokens, latency_ms, calls, cached_calls, repair_attempts, "
                + "fallback_used, error FROM case_results WHERE run_id = ? ORDER BY case_key, repeat_index",
                List.of(runId), r -> new CaseResult(r.getString(3), r.getString(4), r.getInt(2), null,
                        tags(r.getString(5)), "", r.getString(6), r.getInt(7) > r.getString(6).length(),
                        new CallStats(r.getInt(8), r.getInt(9), r.getDouble(10), null, null, r.getInt(11),
                                r.getInt(12)),
                        scores.getOrDefault(r.getString(1) + "\u0000" + r.getInt(2), List.of()), r.getString(15),
                        r.getInt(13), r.getInt(14) == 1));
        RunEntry entry = queries.requireRun(runId);
        return new RunResult(spec, results, RunSummary.of(results, spec.model() == null ? 0
                : spec.model().loadMillis(), 0), entry.directory() == null ? null : Path.of(entry.directory()));
    }

    private static List<String> tags(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
