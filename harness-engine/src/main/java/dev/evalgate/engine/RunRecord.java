package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The content of {@code run.json}: the spec, whether the run finished, and its summary once it has.
 *
 * @param status {@code running} until every case has a result, then {@code completed}
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RunRecord(RunSpec spec, String status, RunSummary summary) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
}
