package dev.evalgate.engine.gate;

import java.util.Optional;

import dev.evalgate.engine.RunResult;

/**
 * A metric's values over a suite's recorded runs, for rules that judge a series rather than one comparison
 * ({@code max_drift}). The run history implements it; the engine does not know where runs are recorded.
 */
public interface MetricHistory {
    /** No history: rules that need one are reported as not checked. */
    MetricHistory NONE = (candidate, metric, window) -> Optional.empty();

    /**
     * @param window how many values at most, the candidate's own last
     * @return the metric in the latest earlier runs of the candidate's suite, oldest first, followed by the
     *         candidate's value; empty when no history can be read (the reason is then the caller's warning)
     */
    Optional<double[]> series(RunResult candidate, String metric, int window);
}
