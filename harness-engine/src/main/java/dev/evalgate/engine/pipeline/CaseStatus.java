package dev.evalgate.engine.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apiguardian.api.API;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.ResultDigest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A case's outcome as a CI test reporter shows it, the same in every front end ({@code junit.xml}, the JUnit
 * engine): the gate decides the build, so when it passed, a case whose scorers failed is tolerated rather than red.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum CaseStatus {
    /** Every repeat passed every scorer. */
    PASSED,
    /** Some repeat failed a scorer or errored, and the gate passed all the same. */
    TOLERATED,
    /** Some repeat failed a scorer (none errored), and the gate failed or none was applied. */
    FAILED,
    /** Some repeat could not be evaluated, and the gate failed or none was applied. */
    ERRORED;

    /** Each case's status by case key ({@code corpus/id}), in the run's order; repeats are folded together. */
    public static Map<String, CaseStatus> of(RunResult run, GateVerdict verdict) {
        boolean tolerated = verdict != null && verdict.passed();
        Map<String, CaseStatus> statuses = new LinkedHashMap<>();
        // From the results' digest: no result is read again for its verdict.
        ResultDigest d = ResultDigest.of(run.results());
        for (int i = 0; i < d.size(); i++) {
            CaseStatus one = d.passed(i) ? PASSED : tolerated ? TOLERATED : d.errored(i) ? ERRORED : FAILED;
            statuses.merge(d.key(i), one, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return statuses;
    }
}
