package dev.evalgate.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.FirstOutputIndex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The baseline's output for a case, for pairwise judges: the output of the case's first repeat when it did not
 * error. Looked up case by case, so a run against a baseline of any size holds no copy of the baseline's outputs.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface BaselineOutputs {
    /** No baseline. */
    BaselineOutputs NONE = caseKey -> Optional.empty();

    /** The baseline's output for the case with this key ({@link CaseResult#key()}), if it has one. */
    Optional<String> output(String caseKey);

    /** Outputs at hand, by case key. */
    static BaselineOutputs of(Map<String, String> outputs) {
        Map<String, String> copy = Map.copyOf(outputs);
        return caseKey -> Optional.ofNullable(copy.get(caseKey));
    }

    /**
     * The outputs of a run, read from its results when asked; the index from case key to result is built on the
     * first look-up and takes a few bytes per result.
     */
    static BaselineOutputs of(RunResult run) {
        return of(run.results());
    }

    /** @see #of(RunResult) */
    static BaselineOutputs of(List<CaseResult> results) {
        return new FirstOutputIndex(results)::output;
    }
}
