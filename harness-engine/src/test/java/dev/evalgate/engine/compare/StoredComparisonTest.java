package dev.evalgate.engine.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.internal.StoredResults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A comparison of runs read from their files holds where each case's first repeat lies rather than its output, and
 * says the same as one of the same results held in memory: same diffs, same metrics, same JSON.
 */
class StoredComparisonTest {
    @TempDir
    Path dir;

    private static CaseResult result(String id, int repeat, double f1, boolean exact, String error, String... tags) {
        List<Score> scores = error != null ? List.of() : List.of(new Score("f1", f1, f1 >= 0.5, "", Map.of()),
                Score.of("exact", exact, "", Map.of()));
        return new CaseResult("qa", id, repeat, "t", List.of(tags), "prompt", "output of " + id + " #" + repeat
                + " " + "x".repeat(repeat * 300), false, CallStats.NONE, scores, error, 0, false);
    }

    private RunResult stored(String name, List<CaseResult> results) {
        Path file = dir.resolve(name).resolve(RunStore.RESULTS_FILE);
        StoredResults.Builder lines = new StoredResults.Builder(file, results.size(), 0);
        try (RunStore store = RunStore.create(dir.resolve(name))) {
            results.forEach(r -> lines.add(store.appendBuffered(r)));
        }
        return SyntheticRuns.run(name, lines.build());
    }

    @Test
    void aComparisonOfStoredRunsEqualsOneOfTheSameResultsInMemory() throws Exception {
        List<CaseResult> before = new ArrayList<>();
        List<CaseResult> after = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = SyntheticRuns.id(i);
            String tag = i % 4 == 0 ? "adversarial" : "historical";
            for (int repeat = 0; repeat < 3; repeat++) {
                before.add(result(id, repeat, (i % 10) / 10.0, i % 3 != 0, null, tag));
                // Some first repeats error, some later ones fail a scorer.
                String error = i % 11 == 0 && repeat == 0 ? "timeout" : null;
                after.add(result(id, repeat, (i % 7) / 7.0, i % 5 != 0 || repeat > 0, error, tag));
            }
        }
        after.add(result("only-new", 0, 1.0, true, null));

        Comparison fromFiles = new RunComparator().compare(stored("base", before), stored("cand", after));
        Comparison inMemory = new RunComparator().compare(SyntheticRuns.run("base", before),
                SyntheticRuns.run("cand", after));

        assertThat(fromFiles.caseDiffs()).hasSize(201).isEqualTo(inMemory.caseDiffs());
        assertThat(fromFiles.metricDeltas()).isEqualTo(inMemory.metricDeltas());
        assertThat(fromFiles.notes()).isEqualTo(inMemory.notes());
        String json = Json.MAPPER.writeValueAsString(fromFiles);
        assertThat(json).isEqualTo(Json.MAPPER.writeValueAsString(inMemory))
                .contains("\"output\":\"output of c0001 #0 \"", "\"error\":\"timeout\"");
        assertThat(Json.MAPPER.readValue(json, Comparison.class)).isEqualTo(fromFiles);

        CaseDiff errored = fromFiles.caseDiff("qa/c0011");
        assertThat(errored.candidate().error()).isEqualTo("timeout");
        assertThat(errored.candidate().output()).isEqualTo("output of c0011 #0 ");
        assertThat(errored.baseline().output()).isEqualTo("output of c0011 #0 ");
        // The errored repeat counts 0 for each scorer: (0 + 4/7 + 4/7) / 3.
        assertThat(errored.candidate().scores().get("f1")).isCloseTo(8.0 / 21, within(1e-12));
        assertThat(fromFiles.caseDiff("qa/c0005").candidate().failedScorers()).containsExactly("exact");
        assertThat(fromFiles.caseDiff("qa/c0004").tags()).containsExactly("adversarial");
        assertThat(fromFiles.caseDiff("qa/only-new").status()).isEqualTo(DiffStatus.NEW);
        assertThat(fromFiles.caseDiff("qa/nowhere")).isNull();
    }
}
