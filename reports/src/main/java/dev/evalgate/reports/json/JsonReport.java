package dev.evalgate.reports.json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.cost.RunCosts;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.ResultDigest;
import dev.evalgate.engine.internal.StoredResults;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.model.CaseCounts;
import dev.evalgate.reports.model.CaseView;
import dev.evalgate.reports.model.GateView;
import dev.evalgate.reports.model.IfEvalFigures;
import dev.evalgate.reports.model.MetricRow;
import dev.evalgate.reports.model.ReportModel;
import dev.evalgate.reports.model.RunHeader;

/**
 * {@code report.json}: the whole run (spec, summary, every result) plus what the report concluded (verdict,
 * metrics, each case's status and change), for tools that post-process runs.
 */
public final class JsonReport {
    /** Bumped when a field changes meaning or disappears; readers check it before trusting the shape. */
    public static final String FORMAT = "evalgate-report/1";

    private JsonReport() {
    }

    /**
     * What {@code report.json} holds.
     *
     * @param verdict      the gate's decision with each rule's observed value and limit, or null without a gate
     * @param metricDeltas the comparison's metrics with intervals and paired tests, empty without one (its per-case
     *                     part is in {@code cases}; the full comparison is the run's {@code comparison.json})
     * @param results      every result: {@link CaseResult}s, or for a stored run the JSON of their lines
     * @param ifeval       IFEval's four accuracies for each {@code ifeval} scorer, empty when none ran
     */
    public record Document(String format, RunHeader header, GateView gate, List<MetricRow> metrics,
                           CaseCounts counts, List<CaseStatusLine> cases, GateVerdict verdict,
                           List<MetricDelta> metricDeltas, RunSpec spec, RunSummary summary,
                           List<?> results, List<IfEvalFigures> ifeval) {
    }

    /**
     * One case's conclusion.
     *
     * @param change         regressed, fixed, flaky, new, unchanged, or none without a baseline
     * @param baselineStatus null when the case is not in the baseline
     * @param cost           what the case's results cost (every repeat, model and judge calls) at the run's prices;
     *                       null when a price is unknown
     */
    public record CaseStatusLine(String key, String status, String change, String baselineStatus,
                                 List<String> failedScorers, Double cost) {
    }

    public static void write(RunResult run, ReportContext context, ReportModel model, Path file) throws IOException {
        // Each line made as it is written, not a list of them all beside the run's results.
        List<CaseView> cases = model.caseSummaries();
        Map<String, Double> costs = costByCase(run);
        List<CaseStatusLine> lines = new AbstractList<>() {
            @Override
            public CaseStatusLine get(int index) {
                return line(cases.get(index), costs);
            }

            @Override
            public int size() {
                return cases.size();
            }
        };
        Document doc = new Document(FORMAT, model.header(), model.gate(), model.metrics(), model.counts(), lines,
                context.verdict().orElse(null), context.comparison().map(Comparison::metricDeltas).orElse(List.of()),
                run.spec(), run.summary(), results(run.results()), model.ifeval());
        // As UTF-8 bytes: the results' lines are copied in as they are, and a lone surrogate in a model's output
        // is written as its escape (see Json.MAPPER).
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Json.MAPPER.writeValue(out, doc);
        }
    }

    /**
     * A stored run's results as the JSON of their lines in {@code results.jsonl}, which the same mapper wrote: a
     * copy of the bytes, where parsing and writing each result again took most of this report's time.
     */
    private static List<?> results(List<CaseResult> results) {
        if (!(results instanceof StoredResults stored)) {
            return results;
        }
        return new AbstractList<RawValue>() {
            @Override
            public RawValue get(int index) {
                return new RawValue(new RawJson(stored.json(index)));
            }

            @Override
            public int size() {
                return stored.size();
            }
        };
    }

    private static CaseStatusLine line(CaseView c, Map<String, Double> costs) {
        return new CaseStatusLine(c.k(), c.st(), c.ch(), c.bst(), c.failed(), costs.get(c.k()));
    }

    /** Each case's cost over its repeats; a case with any result of unknown cost is left out (unknown). */
    private static Map<String, Double> costByCase(RunResult run) {
        RunPricing pricing = RunCosts.pricing(run);
        Map<String, Double> costs = new HashMap<>();
        ResultDigest d = ResultDigest.of(run.results());
        if (!d.hasJudgeStats()) {
            // A result's cost is then its model's tokens at the model's price: the digest has both.
            pricing.modelPrice().ifPresent(price -> {
                for (int i = 0; i < d.size(); i++) {
                    costs.merge(d.key(i), price.cost(d.promptTokens(i), d.completionTokens(i)), Double::sum);
                }
            });
            return costs;
        }
        Set<String> unknown = new HashSet<>();
        for (CaseResult r : run.results()) {
            OptionalDouble cost = RunCosts.ofResult(r, pricing);
            if (cost.isEmpty()) {
                unknown.add(r.key());
            } else {
                costs.merge(r.key(), cost.getAsDouble(), Double::sum);
            }
        }
        costs.keySet().removeAll(unknown);
        return costs;
    }
}
