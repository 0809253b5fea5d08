package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.Percentiles;
import dev.evalgate.engine.internal.ResultDigest;

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
        // From the results' digest: a run read from its file then reads no result again for its summary.
        ResultDigest d = ResultDigest.of(results);
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
        double[] latencies = new double[d.size()];
        int timed = 0;
        double[][] byScorer = new double[d.scorers().size()][4]; // scored, passed, undecided, sum
        for (int i = 0; i < d.size(); i++) {
            passed += d.passed(i) ? 1 : 0;
            errored += d.errored(i) ? 1 : 0;
            promptTokens += d.promptTokens(i);
            completionTokens += d.completionTokens(i);
            calls += d.calls(i);
            cached += d.cachedCalls(i);
            repairs += d.repairAttempts(i);
            fallbacks += d.fallbackUsed(i) ? 1 : 0;
            // A cached output keeps the latency it was recorded with: budgets still see the model's speed.
            if (d.calls(i) + d.cachedCalls(i) > 0) {
                latencies[timed++] = d.latencyMs(i);
                if (d.cachedCalls(i) == 0) {
                    generationMs += d.latencyMs(i);
                    generatedTokens += d.completionTokens(i);
                }
            }
            d.forEachScore(i, (scorer, value, scorePassed, undecided, untrusted) -> {
                double[] acc = byScorer[scorer];
                acc[0]++;
                acc[1] += scorePassed ? 1 : 0;
                acc[2] += undecided ? 1 : 0;
                acc[3] += value;
            });
        }
        List<ScorerSummary> scorerSummaries = new ArrayList<>();
        for (int s = 0; s < byScorer.length; s++) {
            double[] acc = byScorer[s];
            scorerSummaries.add(new ScorerSummary(d.scorers().get(s), (int) acc[0], (int) acc[1], (int) acc[2],
                    acc[0] == 0 ? Double.NaN : acc[3] / acc[0]));
        }
        double[] lat = Arrays.copyOf(latencies, timed);
        return new RunSummary(d.size(), passed, errored, scorerSummaries, promptTokens, completionTokens,
                Percentiles.of(lat, 50), Percentiles.of(lat, 95),
                generationMs > 0 ? generatedTokens / (generationMs / 1000.0) : 0.0, calls, cached, repairs,
                fallbacks, modelLoadMs, wallMs);
    }

    public double passRate() {
        return results == 0 ? Double.NaN : (double) passed / results;
    }
}
