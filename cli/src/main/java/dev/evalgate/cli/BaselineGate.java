package dev.evalgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.Json;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.CompareOptions;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.gate.Gate;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.reports.ReportContext;

/**
 * The CI step shared by {@code run --baseline} and {@code gate}: compare a candidate run with its baseline (when
 * there is one), apply the suite's gate, write {@code comparison.json} and {@code gate.json} next to the run and
 * print the verdict.
 */
final class BaselineGate {
    static final String COMPARISON_FILE = "comparison.json";
    static final String GATE_FILE = "gate.json";

    private final GatePolicy policy;
    private final RunResult baseline;
    private final String baselineLabel;
    private final String missingBaseline;
    private final RunComparator comparator;
    private MetricHistory history = MetricHistory.NONE;

    /** @param baseline the baseline run, or null to apply only the rules that need none */
    BaselineGate(GatePolicy policy, RunResult baseline, String baselineLabel, boolean allowCorpusChange) {
        this(policy, new BaselineOptions.Chosen(baseline, null), baselineLabel, allowCorpusChange);
    }

    /** @param chosen the baseline run, or why the one asked for is missing, or neither */
    BaselineGate(GatePolicy policy, BaselineOptions.Chosen chosen, String baselineLabel, boolean allowCorpusChange) {
        this.policy = policy;
        this.baseline = chosen.run();
        this.missingBaseline = chosen.missing();
        this.baselineLabel = baselineLabel;
        this.comparator = new RunComparator(CompareOptions.DEFAULT.withAllowCorpusChange(allowCorpusChange));
    }

    /** Where {@code max_drift} rules read the suite's earlier runs. */
    BaselineGate useHistory(MetricHistory runHistory) {
        this.history = runHistory;
        return this;
    }

    /** Refuses, before any model call, a baseline whose corpora differ from the ones about to run. */
    void checkBeforeRun(List<Corpus> corpora) {
        if (baseline != null) {
            comparator.checkCorpora(baseline, corpora.stream()
                    .map(c -> new CorpusRef(c.name(), c.version(), c.sha256(), c.cases().size())).toList());
        }
    }

    /** Baseline outputs by case key (first repeat), for pairwise judges. */
    Map<String, String> baselineOutputs() {
        return baseline == null ? Map.of() : outputsOf(baseline);
    }

    static Map<String, String> outputsOf(RunResult run) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (CaseResult r : run.results()) {
            if (r.repeat() == 0 && !r.errored()) {
                outputs.putIfAbsent(r.key(), r.output());
            }
        }
        return outputs;
    }

    RunResult baseline() {
        return baseline;
    }

    /** The comparison (null without a baseline) and the verdict. */
    record Outcome(Comparison comparison, GateVerdict verdict) {
        /** What the reports show besides the run: the baseline, the comparison and the gate's verdict. */
        ReportContext reportContext(RunResult baseline) {
            ReportContext context = ReportContext.none().withVerdict(verdict);
            return baseline == null ? context : context.withBaseline(baseline).withComparison(comparison);
        }
    }

    /** Applies the gate and writes the run's own {@code comparison.json} and {@code gate.json}. */
    Outcome apply(RunResult candidate, PrintWriter out) {
        return apply(candidate, out, COMPARISON_FILE, GATE_FILE);
    }

    /**
     * Applies the gate again to a stored run and writes {@code gate-LABEL.json} (and {@code comparison-LABEL.json})
     * beside the run's own files, which keep the verdict the run was given when it ran.
     */
    Outcome reapply(RunResult candidate, PrintWriter out) {
        String label = fileLabel(baselineLabel);
        return apply(candidate, out, "comparison-" + label + ".json", "gate-" + label + ".json");
    }

    /** A baseline name or directory as a file name part: {@code main}, {@code baselines_release-1.2}. */
    static String fileLabel(String baselineLabel) {
        if (baselineLabel == null) {
            return "no-baseline";
        }
        String label = baselineLabel.replaceAll("[/\\\\]+$", "").replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._]+", "");
        return label.isEmpty() ? "baseline" : label;
    }

    private Outcome apply(RunResult candidate, PrintWriter out, String comparisonFile, String gateFile) {
        Comparison comparison = baseline == null ? null : comparator.compare(baseline, candidate);
        GateVerdict verdict = new Gate(policy, history).evaluate(candidate, comparison, missingBaseline);
        if (candidate.directory() != null) {
            if (comparison != null) {
                writeJson(candidate.directory().resolve(comparisonFile), comparison);
            }
            writeJson(candidate.directory().resolve(gateFile), verdict);
        }
        GateVerdictPrinter.print(verdict, comparison, baselineLabel, out);
        return new Outcome(comparison, verdict);
    }

    static void writeJson(Path file, Object value) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
