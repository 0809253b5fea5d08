package dev.evalgate.engine;

/**
 * The content of {@code run.json}: the spec, whether the run finished, and its summary once it has.
 *
 * @param status {@code running} until every case has a result, then {@code completed}
 */
public record RunRecord(RunSpec spec, String status, RunSummary summary) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
}
