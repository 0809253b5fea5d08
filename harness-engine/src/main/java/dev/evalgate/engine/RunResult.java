package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.StoredResults;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A finished (or partly finished) run: its spec, its results, its summary and its directory. A run the engine ran
 * or read from disk keeps its results in {@code results.jsonl} and reads each when asked (a
 * {@link StoredResults}), so a run of any size fits a small heap: walk {@link #results()} rather than copy it.
 */
@API(status = STABLE, since = "0.1.0")
public record RunResult(RunSpec spec, List<CaseResult> results, RunSummary summary, Path directory) {
    public RunResult {
        Objects.requireNonNull(spec, "spec");
        // Read-only already, and copying it would bring every result into memory at once.
        results = results instanceof StoredResults ? results : List.copyOf(results);
        Objects.requireNonNull(summary, "summary");
    }
}
