package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.Percentiles;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Aggregates of a run, derived from its results; {@link #of} is the only place they are computed.
 *
 * @param tokensPerSecond completion tokens divided by the time spent in model calls that were not cached
 */
@API(status = STABLE, since = "0.1.0")
public record RunSummary(int results, int passed, int errored, List<ScorerSummary> scorers, long promptTokens,
                         long completionTokens, double latencyP50Ms, double latencyP95Ms, double tokensPerSecond,
                         int modelCalls, int cachedCalls, int repairAttempts, int fallbacks, long modelLoadMs,
                         long wallMs) {

    public RunSummary {
        scorers = List.copyOf(scorers);
    }

    public static RunSummary of(List<CaseResult> results, long modelLoadMs, long wallMs) {
        int passed = 0;
        int errored = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        int calls = 0;
        int cached = 0;
        int repairs = 0;
        int fallbacks = 0;
        double generationMs = 0;
        long generatedTokens = 0;
        List<Double> latencies = new ArrayList<>();
        Map<String, double[]> byScorer = new LinkedHashMap<>(); // scored, passed, undecided, sum
        for (CaseResult r : results) {
            if (r.passed()) {
                passed++;
            }
            if (r.errored()) {
                errored++;
            }
            CallStats s = r.stats();
            promptTokens += s.promptTokens();
            completionTokens += s.completionTokens();
            calls += s.calls();
            cached += s.cachedCalls();
            repairs += r.repairAttempts();
            fallbacks += r.fallbackUsed() ? 1 : 0;
            // A cached output keeps the latency it was recorded with: budgets still see the model's speed.
            if (s.calls() + s.cachedCalls() > 0) {
                latencies.add(s.latencyMs());
                if (s.cachedCalls() == 0) {
                    generationMs += s.latencyMs();
                    generatedTokens += s.completionTokens();
                }
            }
            for (Score score : r.scores()) {
                double[] acc = byScorer.computeIfAbsent(score.name(), k -> new double[4]);
                acc[0]++;
                acc[1] += score.passed() ? 1 : 0;
                acc[2] += score.undecided() ? 1 : 0;
                acc[3] += score.value();
            }
        }
        List<ScorerSummary> scorerSummaries = new ArrayList<>();
        byScorer.forEach((name, acc) -> scorerSummaries.add(new ScorerSummary(name, (int) acc[0], (int) acc[1],
                (int) acc[2], acc[0] == 0 ? Double.NaN : acc[3] / acc[0])));
        double[] lat = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        return new RunSummary(results.size(), passed, errored, scorerSummaries, promptTokens, completionTokens,
                Percentiles.of(lat, 50), Percentiles.of(lat, 95),
                generationMs > 0 ? generatedTokens / (generationMs / 1000.0) : 0.0, calls, cached, repairs,
                fallbacks, modelLoadMs, wallMs);
    }

    public double passRate() {
        return results == 0 ? Double.NaN : (double) passed / results;
    }
}
