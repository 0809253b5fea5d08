package dev.evalgate.engine.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.Comparability;
import dev.evalgate.engine.compare.MetricDelta;

/**
 * Reads a suite's {@code gate:} section into a {@link GatePolicy}. Every mistake names file, line and field.
 *
 * <p>Each rule ends {@code passed}, {@code failed} or {@code not checked}, and a rule that could not be checked
 * is never a pass:
 * <ul>
 *   <li>a rule that needs a baseline ({@code no_new_failures}, {@code require_same}, {@code max_regression}) when
 *   no baseline was asked
 *   for is a note: the run was not meant to be compared;</li>
 *   <li>the same rule when a baseline was asked for ({@code --baseline}) but does not exist, and a rule on the
 *   scores of an LLM judge that failed its calibration ({@code min_kappa}), fails the gate, unless the rule (or
 *   the whole gate) says {@code on_unchecked: warn}, which turns it into a note;</li>
 *   <li>a rule with nothing to measure (no case with its tag, no timed model call) is a note.</li>
 * </ul>
 *
 * <p>Errored results (a failed model call, a cassette miss, a timeout) are counted by {@code max_error_rate}, which
 * every policy has, and by nothing else: they are never a scorer's failures, and pass-rate rules leave them out.
 *
 * <pre>
 * gate:
 *   level: 0.05                # default significance level of max_regression
 *   list_cases: 10             # offending case ids listed per violation
 *   on_unchecked: fail         # default for every rule below: fail (the default) or warn
 *   max_error_rate: 0          # share of results that may error (default 0: any errored result fails)
 *   min_pass_rate:
 *     - {min: 0.8}                           # overall
 *     - {scorer: exact, min: 0.9}
 *     - {scorer: judge, min: 0.8, on_unchecked: warn}   # a judge that failed calibration only warns
 *     - {tag: adversarial, min: 1.0}
 *   no_new_failures: [adversarial]          # or {tags: [adversarial], on_unchecked: warn}
 *   require_same: [model, tier]  # against the baseline; also repeats, corpus, bundle
 *   max_regression:
 *     - {metric: pass, max_drop: 0.0}
 *     - {metric: rougeL, max_drop: 0.02, level: 0.01}
 *   budgets: {mean_tokens_per_case: 600, latency_p95_ms: 5000, total_cost: 0.5, repair_rate: 0.1}
 *   reliability: {min_pass_all_k: 0.8, max_flip_rate: 0.1}
 *   max_drift:                 # a trend over the suite's recorded runs (needs the run history)
 *     - {metric: pass, window: 10, level: 0.05}
 *   prices:
 *     "ollama:qwen2.5:0.5b": {input_per_million: 0.1, output_per_million: 0.4}
 * </pre>
 */
public final class GatePolicyParser {
    private static final String[] SECTIONS = {"level", "list_cases", "on_unchecked", "max_error_rate",
        "min_pass_rate", "no_new_failures", "require_same",
        "max_regression", "budgets", "reliability", "max_drift", "prices"};

    private GatePolicyParser() {
    }

    /**
     * @param scorers the suite's scorer names, so a rule naming a scorer that does not exist fails at load time
     */
    public static GatePolicy parse(ConfigNode gate, Set<String> scorers) {
        if (!gate.isMap()) {
            throw gate.error("expected a mapping with any of: " + String.join(", ", SECTIONS));
        }
        gate.allowOnly(SECTIONS);
        double level = gate.optional("level").map(GatePolicyParser::level).orElse(GatePolicy.DEFAULT_LEVEL);
        int listCases = gate.integer("list_cases", GatePolicy.DEFAULT_LIST_CASES);
        if (listCases < 0 || listCases > 10_000) {
            throw gate.required("list_cases").error("must be between 0 and 10000");
        }
        List<GateRule> rules = new ArrayList<>();
        Set<String> warnWhenUnchecked = new HashSet<>();
        boolean warnByDefault = gate.optional("on_unchecked").map(GatePolicyParser::warns).orElse(false);
        gate.optional("max_error_rate").ifPresent(node -> rules.add(new GateRule.MaxErrorRate(share(node),
                SourceLocation.of(node))));
        gate.optional("min_pass_rate").ifPresent(node -> {
            for (ConfigNode item : node.asList()) {
                item.allowOnly("scorer", "tag", "min", "on_unchecked");
                String scorer = item.optional("scorer").map(s -> scorer(s, scorers)).orElse(null);
                String tag = item.string("tag", null);
                GateRule rule = build(item, () -> new GateRule.MinPassRate(scorer, tag, share(item.required("min")),
                        SourceLocation.of(item)));
                rules.add(rule);
                onUnchecked(item, rule, warnByDefault, warnWhenUnchecked);
            }
        });
        gate.optional("no_new_failures").ifPresent(node -> {
            // a list of tags, or {tags: [...], on_unchecked: warn}
            ConfigNode tagsNode = node;
            if (node.isMap()) {
                node.allowOnly("tags", "on_unchecked");
                tagsNode = node.required("tags");
            }
            List<String> tags = tagsNode.asStringList();
            if (tags.isEmpty()) {
                throw tagsNode.error("list at least one tag, e.g. [adversarial]");
            }
            GateRule rule = new GateRule.NoNewFailures(tags, SourceLocation.of(node));
            rules.add(rule);
            onUnchecked(node.isMap() ? node : null, rule, warnByDefault, warnWhenUnchecked);
        });
        gate.optional("require_same").ifPresent(node -> {
            // a list of aspects, or {aspects: [...], on_unchecked: warn}
            ConfigNode list = node;
            if (node.isMap()) {
                node.allowOnly("aspects", "on_unchecked");
                list = node.required("aspects");
            }
            List<Comparability> aspects = new ArrayList<>();
            for (ConfigNode item : list.asList()) {
                Comparability aspect = Comparability.ofKey(item.asString());
                if (aspect == null) {
                    throw item.error("unknown aspect '" + item.asString() + "'; known aspects: " + String.join(", ",
                            Arrays.stream(Comparability.values()).map(Comparability::key).toList()));
                }
                aspects.add(aspect);
            }
            if (aspects.isEmpty()) {
                throw list.error("list at least one aspect, e.g. [model, tier]");
            }
            GateRule rule = new GateRule.RequireSame(aspects, SourceLocation.of(node));
            rules.add(rule);
            onUnchecked(node.isMap() ? node : null, rule, warnByDefault, warnWhenUnchecked);
        });
        gate.optional("max_regression").ifPresent(node -> {
            for (ConfigNode item : node.asList()) {
                item.allowOnly("metric", "max_drop", "level", "on_unchecked");
                ConfigNode metricNode = item.required("metric");
                String metric = metricNode.asString();
                if (!metric.equals(MetricDelta.OVERALL_PASS)) {
                    scorer(metricNode, scorers);
                }
                double maxDrop = item.optional("max_drop").map(GatePolicyParser::share).orElse(0.0);
                double ruleLevel = item.optional("level").map(GatePolicyParser::level).orElse(level);
                GateRule rule = new GateRule.MaxRegression(metric, maxDrop, ruleLevel, SourceLocation.of(item));
                rules.add(rule);
                onUnchecked(item, rule, warnByDefault, warnWhenUnchecked);
            }
        });
        gate.optional("budgets").ifPresent(node -> {
            for (Map.Entry<String, ConfigNode> entry : node.asMap().entrySet()) {
                GateRule.BudgetKind kind = Arrays.stream(GateRule.BudgetKind.values())
                        .filter(k -> k.key().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> entry.getValue().error("unknown budget; known budgets: "
                                + String.join(", ", Arrays.stream(GateRule.BudgetKind.values())
                                .map(GateRule.BudgetKind::key).toList())));
                ConfigNode value = entry.getValue();
                double limit = value.asDouble();
                if (Double.isNaN(limit) || limit < 0) {
                    throw value.error("must be a number >= 0");
                }
                if (kind == GateRule.BudgetKind.REPAIR_RATE && limit > 1) {
                    throw value.error("repair_rate is a share of results: between 0 and 1");
                }
                rules.add(new GateRule.Budget(kind, limit, SourceLocation.of(value)));
            }
        });
        gate.optional("reliability").ifPresent(node -> {
            for (Map.Entry<String, ConfigNode> entry : node.asMap().entrySet()) {
                GateRule.ReliabilityKind kind = Arrays.stream(GateRule.ReliabilityKind.values())
                        .filter(k -> k.key().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> entry.getValue().error("unknown reliability limit; known limits: "
                                + String.join(", ", Arrays.stream(GateRule.ReliabilityKind.values())
                                .map(GateRule.ReliabilityKind::key).toList())));
                rules.add(new GateRule.ReliabilityLimit(kind, share(entry.getValue()),
                        SourceLocation.of(entry.getValue())));
            }
        });
        gate.optional("max_drift").ifPresent(node -> {
            for (ConfigNode item : node.isList() ? node.asList() : List.of(node)) {
                item.allowOnly("metric", "window", "level", "on_unchecked");
                ConfigNode metricNode = item.required("metric");
                String metric = metricNode.asString();
                driftMetric(metricNode, scorers);
                int window = item.integer("window", 10);
                double ruleLevel = item.optional("level").map(GatePolicyParser::level).orElse(level);
                GateRule rule = build(item, () -> new GateRule.MaxDrift(metric, window, ruleLevel,
                        SourceLocation.of(item)));
                rules.add(rule);
                onUnchecked(item, rule, warnByDefault, warnWhenUnchecked);
            }
        });
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        gate.optional("prices").ifPresent(node -> node.asMap().forEach((model, value) -> {
            value.allowOnly("input_per_million", "output_per_million");
            prices.put(model, new ModelPrice(nonNegative(value.required("input_per_million")),
                    nonNegative(value.required("output_per_million"))));
        }));
        // A cost budget without gate.prices is checked when the suite meets its bundle (Evaluation.prepare): the
        // bundle's own prices: table may price its model.
        if (rules.isEmpty() && !prices.isEmpty()) {
            // A price table alone is for the run's cost figures: the gate keeps the default policy's rules.
            rules.addAll(GatePolicy.DEFAULT.rules());
        }
        if (rules.isEmpty()) {
            throw gate.error("the gate has no rules; add min_pass_rate, no_new_failures, max_regression, budgets "
                    + "or reliability, or remove the section to use the default policy");
        }
        return new GatePolicy(level, listCases, rules, prices, SourceLocation.of(gate), warnWhenUnchecked);
    }

    /** Records a rule's {@code on_unchecked} (or the gate's default, when the rule has none). */
    private static void onUnchecked(ConfigNode item, GateRule rule, boolean warnByDefault, Set<String> warn) {
        boolean warns = item == null ? warnByDefault
                : item.optional("on_unchecked").map(GatePolicyParser::warns).orElse(warnByDefault);
        if (warns) {
            warn.add(rule.name());
        }
    }

    private static boolean warns(ConfigNode node) {
        String value = node.asString();
        if (!value.equals("fail") && !value.equals("warn")) {
            throw node.error("on_unchecked is 'fail' (the default: a rule that cannot be checked fails the gate) or "
                    + "'warn' (it is reported as a note); found '" + value + "'");
        }
        return value.equals("warn");
    }

    private static String scorer(ConfigNode node, Set<String> scorers) {
        String name = node.asString();
        if (!scorers.contains(name)) {
            throw node.error("no scorer named '" + name + "' in this suite; known scorers: "
                    + String.join(", ", scorers) + (node.path().endsWith("metric") ? ", or 'pass' for the overall "
                    + "pass rate" : ""));
        }
        return name;
    }

    /** What the run history records: the pass rate, a scorer's mean score or pass rate, cost and speed figures. */
    private static void driftMetric(ConfigNode node, Set<String> scorers) {
        String metric = node.asString();
        String scorer = metric.endsWith(".pass_rate") ? metric.substring(0, metric.length() - 10) : metric;
        if (metric.equals(MetricDelta.OVERALL_PASS) || GateRule.MaxDrift.LOWER_IS_BETTER.contains(metric)
                || GateRule.MaxDrift.EITHER_WAY.contains(metric) || scorers.contains(scorer)) {
            return;
        }
        List<String> known = new ArrayList<>(List.of(MetricDelta.OVERALL_PASS));
        scorers.forEach(s -> {
            known.add(s);
            known.add(s + ".pass_rate");
        });
        known.addAll(new java.util.TreeSet<>(GateRule.MaxDrift.LOWER_IS_BETTER));
        known.addAll(GateRule.MaxDrift.EITHER_WAY);
        throw node.error("the history records no metric '" + metric + "'; known metrics: " + String.join(", ", known));
    }

    private static double level(ConfigNode node) {
        double level = node.asDouble();
        if (!(level > 0 && level <= 0.5)) {
            throw node.error("significance level must be greater than 0 and at most 0.5, such as 0.05; found "
                    + node.asString());
        }
        return level;
    }

    private static double share(ConfigNode node) {
        double value = node.asDouble();
        if (!(value >= 0 && value <= 1)) {
            throw node.error("must be a share between 0 and 1, such as 0.9; found " + node.asString());
        }
        return value;
    }

    private static double nonNegative(ConfigNode node) {
        double value = node.asDouble();
        if (!(value >= 0)) {
            throw node.error("must be a number >= 0");
        }
        return value;
    }

    private static GateRule build(ConfigNode node, Supplier<GateRule> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(node.file(), node.line(), node.path(), e.getMessage(), e);
        }
    }
}
