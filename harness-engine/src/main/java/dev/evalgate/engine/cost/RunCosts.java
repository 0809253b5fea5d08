package dev.evalgate.engine.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.ResultDigest;

/**
 * What a run cost: the model under test, each judging scorer, and the whole, from the tokens each result records
 * and the prices the run was started with. Every figure is empty (unknown) when a price it needs is missing, so a
 * report never shows a missing price as a free run.
 *
 * @param model    cost of the model under test over every result
 * @param byScorer cost of the judge calls each scorer made, by scorer name; only scorers that called a judge
 * @param total    model plus every judge; unknown when any part is
 */
public record RunCosts(OptionalDouble model, Map<String, OptionalDouble> byScorer, OptionalDouble total) {
    public RunCosts {
        byScorer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byScorer));
    }

    public static RunCosts of(RunResult run) {
        return of(run.results(), pricing(run));
    }

    public static RunCosts of(List<CaseResult> results, RunPricing pricing) {
        double model = 0;
        Map<String, Double> byScorer = new LinkedHashMap<>();
        ResultDigest d = ResultDigest.of(results);
        if (!d.hasJudgeStats()) {
            // Only the model's tokens cost anything, and the digest has them: no result is parsed again.
            for (int i = 0; i < d.size(); i++) {
                model += cost(pricing, d.promptTokens(i), d.completionTokens(i), false).orElse(0);
            }
        } else {
            for (CaseResult r : results) {
                model += cost(pricing, r.stats(), false).orElse(0);
                r.judgeStats().forEach((scorer, stats) -> byScorer.merge(scorer,
                        cost(pricing, stats, true).orElse(0), Double::sum));
            }
        }
        OptionalDouble modelCost = pricing.modelPrice().isPresent() ? OptionalDouble.of(model) : OptionalDouble.empty();
        Map<String, OptionalDouble> judges = new LinkedHashMap<>();
        byScorer.forEach((scorer, cost) -> judges.put(scorer, pricing.judgePrice().isPresent()
                ? OptionalDouble.of(cost) : OptionalDouble.empty()));
        boolean known = modelCost.isPresent() && judges.values().stream().allMatch(OptionalDouble::isPresent);
        double total = model + byScorer.values().stream().mapToDouble(Double::doubleValue).sum();
        return new RunCosts(modelCost, judges, known ? OptionalDouble.of(total) : OptionalDouble.empty());
    }

    /** One result's cost, its judge calls included; unknown when a price it needs is missing. */
    public static OptionalDouble ofResult(CaseResult result, RunPricing pricing) {
        OptionalDouble model = cost(pricing, result.stats(), false);
        if (model.isEmpty()) {
            return model;
        }
        double total = model.getAsDouble();
        for (CallStats stats : result.judgeStats().values()) {
            OptionalDouble judge = cost(pricing, stats, true);
            if (judge.isEmpty()) {
                return judge;
            }
            total += judge.getAsDouble();
        }
        return OptionalDouble.of(total);
    }

    /** The pricing a run recorded; runs made before prices were recorded have none. */
    public static RunPricing pricing(RunResult run) {
        return run.spec().pricing();
    }

    /** Mean cost per result; unknown when the total is. */
    public OptionalDouble perResult(int results) {
        return total.isEmpty() || results == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(total.getAsDouble() / results);
    }

    /** How reports print a cost: six decimals, or {@code unknown}. */
    public static String format(OptionalDouble cost) {
        return cost.isPresent() ? String.format(java.util.Locale.ROOT, "%.6f", cost.getAsDouble()) : "unknown";
    }

    private static OptionalDouble cost(RunPricing pricing, CallStats stats, boolean judge) {
        return cost(pricing, stats.promptTokens(), stats.completionTokens(), judge);
    }

    private static OptionalDouble cost(RunPricing pricing, int promptTokens, int completionTokens, boolean judge) {
        var price = judge ? pricing.judgePrice() : pricing.modelPrice();
        // Cached calls were paid for when they were recorded; the tokens are the run's own either way.
        return price.map(p -> OptionalDouble.of(p.cost(promptTokens, completionTokens)))
                .orElse(OptionalDouble.empty());
    }
}
