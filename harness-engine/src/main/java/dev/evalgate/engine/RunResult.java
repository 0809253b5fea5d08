package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A finished (or partly finished) run: its spec, its results in file order, its summary and its directory. */
public record RunResult(RunSpec spec, List<CaseResult> results, RunSummary summary, Path directory) {
    public RunResult {
        Objects.requireNonNull(spec, "spec");
        results = List.copyOf(results);
        Objects.requireNonNull(summary, "summary");
    }
}
