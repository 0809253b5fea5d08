package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** A finished (or partly finished) run: its spec, its results in file order, its summary and its directory. */
@API(status = STABLE, since = "0.1.0")
public record RunResult(RunSpec spec, List<CaseResult> results, RunSummary summary, Path directory) {
    public RunResult {
        Objects.requireNonNull(spec, "spec");
        results = List.copyOf(results);
        Objects.requireNonNull(summary, "summary");
    }
}
