package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.compare.SyntheticRuns;

class RunnerOrderTest {
    private static final Map<String, Integer> ORDER = Map.of("qa/a", 0, "qa/b", 1, "qa/c", 2);

    @Test
    void resultsFinishedInAnyOrderComeBackByCaseThenRepeat() {
        List<CaseResult> finished = List.of(result("c", 1), result("a", 1), result("c", 0), result("b", 0),
                result("a", 0));

        List<CaseResult> ordered = Runner.inPlanOrder(finished, ORDER, 2);

        assertThat(ordered).extracting(r -> r.caseId() + "#" + r.repeat())
                .containsExactly("a#0", "a#1", "b#0", "c#0", "c#1");
    }

    @Test
    void twoResultsForOneSlotAreBothKeptInTheOrderTheyCame() {
        CaseResult first = result("b", 0);
        CaseResult second = result("b", 0);
        List<CaseResult> ordered = Runner.inPlanOrder(List.of(result("c", 0), first, second, result("a", 0)),
                ORDER, 1);

        assertThat(ordered).extracting(CaseResult::caseId).containsExactly("a", "b", "b", "c");
        assertThat(ordered.get(1)).isSameAs(first);
        assertThat(ordered.get(2)).isSameAs(second);
    }

    private static CaseResult result(String id, int repeat) {
        return SyntheticRuns.result(id, repeat, true);
    }
}
