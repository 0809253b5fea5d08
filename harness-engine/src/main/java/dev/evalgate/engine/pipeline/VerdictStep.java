package dev.evalgate.engine.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.CompareOptions;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.gate.Gate;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.internal.Json;

/**
 * The CI step after a run: compare the candidate with its baseline (when there is one), apply the gate and write
 * the comparison and the verdict next to the run. One place, so every front end decides the same way.
 */
final class VerdictStep {
    private final GatePolicy policy;
    private final BaselineChoice.Resolved baseline;
    private final RunComparator comparator;
    private final MetricHistory history;

    /** @param policy the suite's gate, or null to compare only */
    VerdictStep(GatePolicy policy, BaselineChoice.Resolved baseline, boolean allowCorpusChange,
                MetricHistory history) {
        this.policy = policy;
        this.baseline = baseline;
        this.comparator = new RunComparator(CompareOptions.DEFAULT.withAllowCorpusChange(allowCorpusChange));
        this.history = history == null ? MetricHistory.NONE : history;
    }

    /** Refuses, before any model call, a baseline whose corpora differ from the ones about to run. */
    void checkBeforeRun(List<Corpus> corpora) {
        if (baseline.run() != null) {
            comparator.checkCorpora(baseline.run(), corpora.stream()
                    .map(c -> new CorpusRef(c.name(), c.version(), c.sha256(), c.cases().size())).toList());
        }
    }

    /** Baseline outputs by case key (first repeat), for pairwise judges: read from the baseline when asked. */
    BaselineOutputs baselineOutputs() {
        return baseline.run() == null ? BaselineOutputs.NONE : BaselineOutputs.of(baseline.run());
    }

    /** The comparison (null without a baseline) and the verdict (null without a policy). */
    record Judged(Comparison comparison, GateVerdict verdict, List<Path> files) {
    }

    Judged judge(RunResult candidate, VerdictFiles files) {
        Comparison comparison = baseline.run() == null ? null : comparator.compare(baseline.run(), candidate);
        GateVerdict verdict = policy == null ? null
                : new Gate(policy, history).evaluate(candidate, comparison, baseline.missing());
        List<Path> written = new ArrayList<>();
        if (candidate.directory() != null) {
            if (comparison != null && files.comparisonFile() != null) {
                written.add(writeJson(candidate.directory().resolve(files.comparisonFile()), comparison));
            }
            if (verdict != null && files.gateFile() != null) {
                written.add(writeJson(candidate.directory().resolve(files.gateFile()), verdict));
            }
        }
        return new Judged(comparison, verdict, written);
    }

    static Path writeJson(Path file, Object value) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
