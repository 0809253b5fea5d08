package dev.evalgate.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;

import static org.assertj.core.api.Assertions.assertThat;

class FirstOutputIndexTest {
    @TempDir
    Path dir;

    private static CaseResult result(String id, int repeat, String output, String error) {
        return new CaseResult("qa", id, repeat, "t", List.of(), "prompt", output, false, CallStats.NONE,
                error == null ? List.of(Score.of("exact", true, "", Map.of())) : List.of(), error, 0, false);
    }

    /** The results written to a run's file and read back from it, none kept in memory. */
    private StoredResults stored(List<CaseResult> results) {
        StoredResults.Builder lines = new StoredResults.Builder(dir.resolve("run").resolve(RunStore.RESULTS_FILE),
                results.size(), 0);
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            for (CaseResult r : results) {
                lines.add(store.appendBuffered(r));
            }
        }
        return lines.build();
    }

    @Test
    void findsEachCasesFirstRepeatInTheRunsFile() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Repeats out of order: the first repeat is found wherever it lies.
            results.add(result("c" + i, 1, "second " + i, null));
            results.add(result("c" + i, 0, "first " + i, null));
        }
        BaselineOutputs outputs = BaselineOutputs.of(stored(results));

        for (int i = 0; i < 500; i += 7) {
            assertThat(outputs.output("qa/c" + i)).contains("first " + i);
        }
        assertThat(outputs.output("qa/c500")).isEmpty();
        assertThat(outputs.output("c1")).as("a key names its corpus").isEmpty();
    }

    @Test
    void keysWithTheSameHashEachFindTheirOwnOutput() {
        // "Aa" and "BB" hash alike, and so do keys that end in them after the same prefix.
        assertThat("qa/Aa".hashCode()).isEqualTo("qa/BB".hashCode());
        BaselineOutputs outputs = BaselineOutputs.of(stored(List.of(result("BB", 0, "bee", null),
                result("Aa", 0, "ay", null))));

        assertThat(outputs.output("qa/Aa")).contains("ay");
        assertThat(outputs.output("qa/BB")).contains("bee");
        assertThat(outputs.output("qa/C#")).as("same hash again, no such case").isEmpty();
    }

    @Test
    void aFirstRepeatThatErroredHasNoOutputAndTheEarliestOfTwoAnswers() {
        BaselineOutputs outputs = BaselineOutputs.of(stored(List.of(result("broken", 0, "", "timeout"),
                result("twice", 0, "earlier", null), result("twice", 0, "later", null),
                result("broken", 1, "a later repeat", null))));

        assertThat(outputs.output("qa/broken")).isEmpty();
        assertThat(outputs.output("qa/twice")).contains("earlier");
    }
}
