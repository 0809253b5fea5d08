package dev.evalgate.engine.gate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apiguardian.api.API;

import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.MetricDelta;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A suite's {@code gate:} section: the rules a candidate run must meet, the default significance level, how many
 * offending case ids a violation lists, and the price table that cost budgets use.
 *
 * @param level     default significance level of {@code max_regression} rules
 * @param listCases at most this many case ids per violation
 * @param prices    price per model, keyed by the bundle's model string (such as {@code ollama:qwen2.5:0.5b})
 * @param warnWhenUnchecked names of the rules whose suite says {@code on_unchecked: warn}: when such a rule cannot
 *                  be checked for want of its baseline or of a trusted judge, the verdict notes it instead of failing
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record GatePolicy(double level, int listCases, List<GateRule> rules, Map<String, ModelPrice> prices,
                         SourceLocation location, Set<String> warnWhenUnchecked) {
    public static final double DEFAULT_LEVEL = 0.05;
    public static final int DEFAULT_LIST_CASES = 10;
    public static final String ADVERSARIAL_TAG = "adversarial";

    /**
     * The policy of a suite without a {@code gate:} section: fail on any errored result, on a significant drop of
     * the overall pass rate, and on any new failure of an adversarial case.
     */
    public static final GatePolicy DEFAULT = new GatePolicy(DEFAULT_LEVEL, DEFAULT_LIST_CASES, List.of(
            new GateRule.MaxRegression(MetricDelta.OVERALL_PASS, 0.0, DEFAULT_LEVEL, SourceLocation.NONE),
            new GateRule.NoNewFailures(List.of(ADVERSARIAL_TAG), SourceLocation.NONE)), Map.of(),
            SourceLocation.NONE);

    public GatePolicy {
        GateRule.requireLevel(level);
        if (listCases < 0) {
            throw new IllegalArgumentException("listCases must not be negative, was " + listCases);
        }
        rules = withErrorRule(rules);
        prices = Map.copyOf(Objects.requireNonNullElse(prices, Map.of()));
        location = location == null ? SourceLocation.NONE : location;
        warnWhenUnchecked = Set.copyOf(Objects.requireNonNullElse(warnWhenUnchecked, Set.of()));
    }

    /** A policy whose rules all fail the gate when they cannot be checked. */
    public GatePolicy(double level, int listCases, List<GateRule> rules, Map<String, ModelPrice> prices,
                      SourceLocation location) {
        this(level, listCases, rules, prices, location, Set.of());
    }

    /** Whether the suite accepts this rule going unchecked (a note) rather than failing the gate. */
    public boolean warnsWhenUnchecked(GateRule rule) {
        return warnWhenUnchecked.contains(rule.name());
    }

    /** Every policy counts errored results: without a {@code max_error_rate} rule, none may error. */
    private static List<GateRule> withErrorRule(List<GateRule> rules) {
        if (rules.stream().anyMatch(r -> r instanceof GateRule.MaxErrorRate)) {
            return List.copyOf(rules);
        }
        List<GateRule> all = new java.util.ArrayList<>(rules.size() + 1);
        all.add(new GateRule.MaxErrorRate(0.0, SourceLocation.NONE));
        all.addAll(rules);
        return List.copyOf(all);
    }

    public boolean needsBaseline() {
        return rules.stream().anyMatch(r -> r instanceof GateRule.MaxRegression
                || r instanceof GateRule.NoNewFailures || r instanceof GateRule.RequireSame);
    }
}
