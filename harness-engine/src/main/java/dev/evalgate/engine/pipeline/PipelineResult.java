package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.gate.GateVerdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What one pipeline call produced.
 *
 * @param run        the candidate run
 * @param baseline   the baseline it was compared with, when one was read
 * @param comparison the candidate against the baseline, when there was one
 * @param verdict    the gate's decision; absent only when a stored run was compared without a suite
 * @param files      every file written: the run's results, the comparison, the verdict, the reports
 * @param cache      what the inference cache did, when a model client went through it
 * @param warnings   what went wrong without changing the verdict (a sink that failed), for people
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record PipelineResult(RunResult run, Optional<RunResult> baseline, Optional<Comparison> comparison,
                             Optional<GateVerdict> verdict, List<Path> files, Optional<CacheSummary> cache,
                             List<String> warnings) {
    public PipelineResult {
        Objects.requireNonNull(run, "run");
        baseline = baseline == null ? Optional.empty() : baseline;
        comparison = comparison == null ? Optional.empty() : comparison;
        verdict = verdict == null ? Optional.empty() : verdict;
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        cache = cache == null ? Optional.empty() : cache;
        warnings = List.copyOf(Objects.requireNonNullElse(warnings, List.of()));
    }

    /** Whether the gate passed; a result without a verdict has not passed. */
    public boolean passed() {
        return verdict.map(GateVerdict::passed).orElse(false);
    }

    /** No case could be evaluated (the model never answered): the verdict then says nothing about the bundle. */
    public boolean nothingEvaluated() {
        return run.summary().results() > 0 && run.summary().errored() == run.summary().results();
    }

    /** The exit code every front end maps to: evaluation error when nothing was evaluated, else the verdict's. */
    public ExitCode exitCode() {
        if (nothingEvaluated()) {
            return ExitCode.EVALUATION_ERROR;
        }
        return verdict.map(GateVerdict::exitCode).orElse(ExitCode.PASS);
    }

    /** Each case's status by case key, as {@code junit.xml} and the JUnit engine show it. */
    public Map<String, CaseStatus> caseStatuses() {
        return CaseStatus.of(run, verdict.orElse(null));
    }

    /** The written file with this name ({@code gate.json}, {@code junit.xml}, ...), if any. */
    public Optional<Path> file(String fileName) {
        return files.stream().filter(f -> f.getFileName().toString().equals(fileName)).findFirst();
    }
}
