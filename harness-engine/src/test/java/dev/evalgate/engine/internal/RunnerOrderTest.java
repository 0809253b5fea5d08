package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.compare.SyntheticRuns;

class RunnerOrderTest {
    private static final Map<String, Integer> ORDER = Map.of("a", 0, "b", 1, "c", 2);

    @TempDir
    Path dir;

    @Test
    void resultsFinishedInAnyOrderComeBackByCaseThenRepeat() {
        Runner.ResultSlots slots = new Runner.ResultSlots(3 * 2);
        try (RunStore store = RunStore.create(dir.resolve("run"))) {
            for (CaseResult r : List.of(result("c", 1), result("a", 1), result("c", 0), result("b", 0),
                    result("a", 0))) {
                slots.put(ORDER.get(r.caseId()) * 2 + r.repeat(), store.append(r));
            }
        }

        StoredResults ordered = slots.inOrder(dir.resolve("run").resolve(RunStore.RESULTS_FILE));

        assertThat(ordered).extracting(r -> r.caseId() + "#" + r.repeat())
                .containsExactly("a#0", "a#1", "b#0", "c#0", "c#1");
        assertThat(slots.has(2 + 1)).as("b#1 never ran").isFalse();
    }

    private static CaseResult result(String id, int repeat) {
        return SyntheticRuns.result(id, repeat, true);
    }
}
