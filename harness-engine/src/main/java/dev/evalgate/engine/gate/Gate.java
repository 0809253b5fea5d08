package dev.evalgate.engine.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.apiguardian.api.API;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.compare.CaseOutcome;
import dev.evalgate.engine.compare.CaseOutcomes;
import dev.evalgate.engine.compare.Comparability;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.compare.Reliability;
import dev.evalgate.engine.internal.Percentiles;
import dev.evalgate.engine.internal.ResultDigest;
import dev.evalgate.engine.cost.RunPricing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Applies a {@link GatePolicy} to a candidate run and, when there is one, its comparison with the baseline. Pure:
 * it reads results and never calls a model, so a policy can be re-applied to stored runs.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class Gate {
    /** How the notes on rules left unchecked for want of a baseline begin; front ends add how to give one. */
    public static final String NO_BASELINE_NOTE = "no baseline to compare with: ";

    private final GatePolicy policy;
    private final MetricHistory history;

    public Gate(GatePolicy policy) {
        this(policy, MetricHistory.NONE);
    }

    /** @param history supplies the series that {@code max_drift} rules judge */
    public Gate(GatePolicy policy, MetricHistory history) {
        this.policy = policy;
        this.history = history == null ? MetricHistory.NONE : history;
    }

    /**
     * @param comparison the candidate against its baseline, or null without a baseline (rules that need one are
     *                   skipped, and the verdict says so)
     * @throws dev.evalgate.datasets.InvalidInputException when a cost budget has no price for the run's model
     */
    public GateVerdict evaluate(RunResult candidate, Comparison comparison) {
        return evaluate(candidate, comparison, null);
    }

    /**
     * @param missingBaseline why the baseline that was asked for could not be read (it does not exist), or null
     *                        when none was asked for or it was read; rules that need it then fail the gate unless
     *                        the policy warns for them
     */
    public GateVerdict evaluate(RunResult candidate, Comparison comparison, String missingBaseline) {
        Evaluation e = new Evaluation(candidate, comparison, missingBaseline);
        for (GateRule rule : policy.rules()) {
            e.check(rule);
        }
        return GateVerdict.of(e.violations, e.checks, List.copyOf(e.notes));
    }

    /** The state of one evaluation: what the rules found so far. */
    private final class Evaluation {
        private final RunResult run;
        private final Comparison comparison;
        private final String missingBaseline;
        /** What the rules read of each result: a run read from its file made it while reading, so rules parse none. */
        private final ResultDigest digest;
        private CaseOutcomes outcomes;
        private final List<Violation> violations = new ArrayList<>();
        private final List<RuleCheck> checks = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();

        Evaluation(RunResult run, Comparison comparison, String missingBaseline) {
            this.run = run;
            this.comparison = comparison;
            this.missingBaseline = comparison == null ? missingBaseline : null;
            this.digest = ResultDigest.of(run.results());
            // Scores only: the outcomes per case are built when a reliability rule asks for them.
            int[] untrustedScores = new int[1];
            Set<String> untrustedScorers = new LinkedHashSet<>();
            for (int i = 0; i < digest.size(); i++) {
                digest.forEachScore(i, (s, value, passed, undecided, untrusted) -> {
                    if (untrusted) {
                        untrustedScores[0]++;
                        untrustedScorers.add(digest.scorers().get(s));
                    }
                });
            }
            if (untrustedScores[0] > 0) {
                notes.add(untrustedScores[0] + " scores of " + String.join(", ", untrustedScorers)
                        + " were not counted: their judge failed its calibration (details.untrusted)");
            }
        }

        private CaseOutcomes outcomes() {
            if (outcomes == null) {
                outcomes = CaseOutcomes.of(run);
            }
            return outcomes;
        }

        void check(GateRule rule) {
            if (rule instanceof GateRule.MaxErrorRate r) {
                maxErrorRate(r);
            } else if (rule instanceof GateRule.MinPassRate r) {
                minPassRate(r);
            } else if (rule instanceof GateRule.NoNewFailures r) {
                noNewFailures(r);
            } else if (rule instanceof GateRule.RequireSame r) {
                requireSame(r);
            } else if (rule instanceof GateRule.MaxRegression r) {
                maxRegression(r);
            } else if (rule instanceof GateRule.Budget r) {
                budget(r);
            } else if (rule instanceof GateRule.ReliabilityLimit r) {
                reliability(r);
            } else if (rule instanceof GateRule.MaxDrift r) {
                maxDrift(r);
            } else {
                throw new IllegalStateException("unhandled gate rule " + rule);
            }
        }

        private void maxErrorRate(GateRule.MaxErrorRate rule) {
            if (digest.size() == 0) {
                skip(rule, "the run has no results", rule.max());
                return;
            }
            // Keys and the first few errors only: only those errors are read from the run's results.
            List<CaseResult> first = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < digest.size(); i++) {
                if (digest.errored(i)) {
                    keys.add(digest.key(i));
                    if (first.size() < ErrorDigest.MAX_RESULTS) {
                        first.add(run.results().get(i));
                    }
                }
            }
            int results = digest.size();
            double rate = (double) keys.size() / results;
            boolean violated = rate > rule.max();
            String message = keys.size() + " of " + results + " results errored (error rate " + fmt(rate)
                    + (violated ? ", above " : ", within ") + "the limit of " + fmt(rule.max()) + ")";
            if (!keys.isEmpty()) {
                message += ": " + ErrorDigest.of(first, keys.size(), run.spec().repeats() > 1);
            }
            decide(rule, violated, rate, rule.max(), message, distinct(keys));
        }

        private void minPassRate(GateRule.MinPassRate rule) {
            int counted = 0;
            int passed = 0;
            int untrusted = 0;
            int errored = 0;
            List<String> failing = new ArrayList<>();
            int scorer = rule.scorer() == null ? -1 : digest.scorer(rule.scorer());
            for (int i = 0; i < digest.size(); i++) {
                List<String> tags = digest.tags(i);
                if (rule.tag() != null && !tags.contains(rule.tag())) {
                    continue;
                }
                if (digest.errored(i)) {
                    // counted by max_error_rate; an error says nothing about what a scorer would have said
                    errored += inScopeOf(rule.scorer(), tags) ? 1 : 0;
                    continue;
                }
                boolean ok;
                if (rule.scorer() == null) {
                    ok = digest.trustedPassed(i);
                } else {
                    // The result's first score of the scorer, as CaseResult.score finds it.
                    if (scorer < 0 || !digest.scored(i, scorer)) {
                        continue;
                    }
                    if (digest.untrusted(i, scorer)) {
                        untrusted++;
                        continue;
                    }
                    ok = digest.scorePassed(i, scorer);
                }
                counted++;
                if (ok) {
                    passed++;
                } else {
                    failing.add(digest.key(i));
                }
            }
            String scope = (rule.scorer() == null ? "pass rate" : rule.scorer() + " pass rate")
                    + (rule.tag() == null ? "" : " on cases tagged '" + rule.tag() + "'");
            if (counted == 0 && untrusted > 0) {
                uncheckable(rule, "every " + rule.scorer() + " score is untrusted: its judge failed its calibration "
                        + "(min_kappa)", rule.min());
                return;
            }
            if (counted == 0) {
                skip(rule, errored > 0 ? "every result in scope errored (see max_error_rate)"
                        : rule.tag() != null ? "no case in this run is tagged '" + rule.tag() + "'"
                        : "no result has a " + (rule.scorer() == null ? "verdict" : rule.scorer() + " score"),
                        rule.min());
                return;
            }
            double rate = (double) passed / counted;
            String counts = passed + " of " + counted + " results passed"
                    + (errored > 0 ? "; " + errored + " errored results not counted, see max_error_rate" : "");
            decide(rule, rate < rule.min(), rate, rule.min(),
                    scope + " " + fmt(rate) + (rate < rule.min() ? " is below " : " meets ") + fmt(rule.min())
                            + " (" + counts + ")", distinct(failing));
        }

        /** Whether the scorer (null: every scorer) would have scored this result had it not errored. */
        private boolean inScopeOf(String scorer, List<String> tags) {
            return scorer == null || run.spec().scorers().stream().filter(s -> s.name().equals(scorer))
                    .findFirst().map(s -> s.appliesTo(tags)).orElse(true);
        }

        private void noNewFailures(GateRule.NoNewFailures rule) {
            if (comparison == null) {
                skipForBaseline(rule, 0);
                return;
            }
            List<String> offending = new ArrayList<>();
            int inScope = 0;
            for (CaseDiff d : comparison.caseDiffs()) {
                if (rule.tags().stream().noneMatch(d::hasTag)) {
                    continue;
                }
                inScope++;
                boolean newlyFailing = d.status() == DiffStatus.REGRESSED
                        || d.status() == DiffStatus.NEW && d.candidate().passed() == 0;
                if (newlyFailing) {
                    offending.add(d.key());
                }
            }
            String tags = " tagged " + String.join("/", rule.tags());
            decide(rule, !offending.isEmpty(), offending.size(), 0, offending.isEmpty()
                    ? "no new failures among " + cases(inScope) + tags
                    : cases(offending.size()) + tags + (offending.size() == 1 ? " fails" : " fail")
                            + " now and did not fail in the baseline", offending);
        }

        private void requireSame(GateRule.RequireSame rule) {
            if (comparison == null) {
                skipForBaseline(rule, 0);
                return;
            }
            List<String> differences = new ArrayList<>();
            for (Comparability aspect : rule.aspects()) {
                if (!aspect.same(comparison.baseline(), comparison.candidate())) {
                    differences.add(aspect.key() + " differs: baseline " + aspect.describe(comparison.baseline())
                            + ", candidate " + aspect.describe(comparison.candidate()));
                }
            }
            String aspects = String.join(", ", rule.aspects().stream().map(Comparability::key).toList());
            decide(rule, !differences.isEmpty(), differences.size(), 0, differences.isEmpty()
                    ? "the candidate and the baseline share their " + aspects : String.join("; ", differences),
                    List.of());
        }

        private void maxRegression(GateRule.MaxRegression rule) {
            if (comparison == null) {
                skipForBaseline(rule, 0.0 - rule.maxDrop());
                return;
            }
            MetricDelta m = comparison.metric(rule.metric()).orElse(null);
            if (m == null) {
                skip(rule, "no metric '" + rule.metric() + "' in the compared runs", 0.0 - rule.maxDrop());
                return;
            }
            if (!m.trusted()) {
                uncheckable(rule, "scores of " + rule.metric() + " are untrusted: its judge failed its calibration "
                        + "(min_kappa)", 0.0 - rule.maxDrop());
                return;
            }
            double delta = m.delta().mean();
            boolean significant = m.test().significantAt(rule.level());
            // The test must point to worse itself: a mean pulled down by one large drop while most cases improved
            // is not a significant regression, even when the rank test is significant (towards better).
            boolean testSaysWorse = m.test().direction() < 0;
            boolean violated = delta < -rule.maxDrop() && significant && testSaysWorse;
            String message = String.format(Locale.ROOT, "%s %s from %s to %s (%s%s); %s p=%s %s %s; %s "
                            + "worse, %d better",
                    rule.metric(), delta < 0 ? "dropped" : "went", fmt(m.baseline().mean()),
                    fmt(m.candidate().mean()), signed(delta), interval(m), m.test().method(), p(m.test().pValue()),
                    significant ? "<" : ">=", fmt(rule.level()), cases(m.test().worse()), m.test().better());
            if (!violated && delta < -rule.maxDrop()) {
                message += significant ? "; the paired test points to better, so the drop is not a significant "
                        + "regression" : "; not significant, treated as noise";
            }
            // 0.0 - maxDrop rather than -maxDrop, so a zero limit prints as 0, not -0.
            decide(rule, violated, delta, 0.0 - rule.maxDrop(), message, worseCases(rule.metric(), m.kind()));
        }

        /** Shared cases whose value fell, largest fall first. */
        private List<String> worseCases(String metric, MetricDelta.Kind kind) {
            ToDoubleFunction<CaseOutcome> value = kind == MetricDelta.Kind.PASS_RATE ? CaseOutcome::passRate
                    : o -> o.scores().getOrDefault(metric, Double.NaN);
            record Drop(String key, double drop) {
            }
            List<Drop> drops = new ArrayList<>();
            for (CaseDiff d : comparison.caseDiffs()) {
                if (d.baseline() == null || d.candidate() == null) {
                    continue;
                }
                double change = value.applyAsDouble(d.candidate()) - value.applyAsDouble(d.baseline());
                if (change < 0) {
                    drops.add(new Drop(d.key(), change));
                }
            }
            drops.sort(Comparator.comparingDouble(Drop::drop));
            return drops.stream().map(Drop::key).toList();
        }

        private void budget(GateRule.Budget rule) {
            ResultDigest d = digest;
            int results = d.size();
            if (results == 0) {
                skip(rule, "the run has no results", rule.limit());
                return;
            }
            switch (rule.kind()) {
                case MEAN_TOKENS_PER_CASE, TOTAL_TOKENS -> {
                    IntToDoubleFunction tokens = i -> d.promptTokens(i) + d.completionTokens(i);
                    double total = IntStream.range(0, results).mapToDouble(tokens).sum();
                    boolean mean = rule.kind() == GateRule.BudgetKind.MEAN_TOKENS_PER_CASE;
                    double observed = mean ? total / results : total;
                    budgetCheck(rule, observed, (mean ? "mean tokens per result " : "total tokens ") + fmt(observed),
                            largest(d, tokens, mean ? rule.limit() : 0));
                }
                case LATENCY_P50_MS, LATENCY_P95_MS -> {
                    int answered = 0;
                    boolean allCached = true;
                    double[] latencies = new double[results];
                    int called = 0;
                    for (int i = 0; i < results; i++) {
                        if (d.errored(i)) {
                            continue;
                        }
                        answered++;
                        allCached &= d.cachedCalls(i) > 0;
                        if (d.calls(i) > 0) {
                            latencies[called++] = d.latencyMs(i);
                        }
                    }
                    if (called == 0) {
                        skip(rule, answered == 0 ? "every result errored; no latency to measure"
                                : !allCached
                                ? "no model call was timed"
                                : answered == results
                                ? "every output came from the cache; no latency to measure"
                                : "the " + answered + " outputs all came from the cache and the other "
                                + (results - answered) + " results errored; no latency to measure",
                                rule.limit());
                        return;
                    }
                    double pct = rule.kind() == GateRule.BudgetKind.LATENCY_P50_MS ? 50 : 95;
                    double observed = Percentiles.of(Arrays.copyOf(latencies, called), pct);
                    budgetCheck(rule, observed, "p" + (int) pct + " latency " + fmt(observed) + " ms",
                            largest(d, i -> !d.errored(i) && d.calls(i) > 0 ? d.latencyMs(i)
                                    : Double.NEGATIVE_INFINITY, rule.limit()));
                }
                case MEAN_COST_PER_CASE, TOTAL_COST -> {
                    ModelPrice price = price(rule);
                    IntToDoubleFunction cost = i -> price.cost(d.promptTokens(i), d.completionTokens(i));
                    double total = IntStream.range(0, results).mapToDouble(cost).sum();
                    boolean mean = rule.kind() == GateRule.BudgetKind.MEAN_COST_PER_CASE;
                    double observed = mean ? total / results : total;
                    budgetCheck(rule, observed, (mean ? "mean cost per result " : "total cost ")
                            + String.format(Locale.ROOT, "%.6f", observed), largest(d, cost,
                            mean ? rule.limit() : 0));
                }
                case REPAIR_RATE -> {
                    List<String> repaired = IntStream.range(0, results).filter(i -> d.repairAttempts(i) > 0)
                            .mapToObj(d::key).toList();
                    double observed = (double) repaired.size() / results;
                    budgetCheck(rule, observed, "repair rate " + fmt(observed) + " (" + repaired.size() + " of "
                            + results + " results needed a repair)", distinct(repaired));
                }
                default -> throw new IllegalStateException("unhandled budget " + rule.kind());
            }
        }

        private ModelPrice price(GateRule.Budget rule) {
            String model = run.spec().bundle() == null ? "" : run.spec().bundle().model();
            // The price the run recorded when it started (the bundle's table over the suite's), else the suite's.
            ModelPrice price = run.spec().pricing() == null ? null : run.spec().pricing().modelPrice().orElse(null);
            if (price == null) {
                price = RunPricing.lookup(policy.prices(), model, run.spec().model()).orElse(null);
            }
            if (price == null) {
                throw rule.location().error(null, "budget " + rule.kind().key() + " needs a price for model '"
                        + model + "'; add it under gate.prices, e.g. \"" + model
                        + "\": {input_per_million: 0.15, output_per_million: 0.60}");
            }
            return price;
        }

        private void budgetCheck(GateRule.Budget rule, double observed, String what, List<String> cases) {
            boolean over = observed > rule.limit();
            decide(rule, over, observed, rule.limit(), what + (over ? " exceeds " : " is within ")
                    + "the budget of " + fmt(rule.limit()), over ? cases : List.of());
        }

        private void reliability(GateRule.ReliabilityLimit rule) {
            CaseOutcomes outcomes = outcomes();
            Reliability rel = outcomes.reliability();
            if (rel.cases() == 0) {
                skip(rule, "the run has no results", rule.limit());
                return;
            }
            if (rel.repeats() < 2) {
                notes.add("the run has one repeat per case, so pass@k and pass^k equal the pass rate and the flip "
                        + "rate is 0; set repeats: 3 or more to measure reliability");
            }
            var entries = outcomes.entries().values();
            switch (rule.kind()) {
                case MIN_PASS_AT_K -> decide(rule, rel.passAtK() < rule.limit(), rel.passAtK(), rule.limit(),
                        "pass@" + rel.repeats() + " " + fmt(rel.passAtK()) + (rel.passAtK() < rule.limit()
                                ? " is below " : " meets ") + fmt(rule.limit()),
                        entries.stream().filter(e -> !e.outcome().passAtK()).map(CaseOutcomes.Entry::key).toList());
                case MIN_PASS_ALL_K -> decide(rule, rel.passAllK() < rule.limit(), rel.passAllK(), rule.limit(),
                        "pass^" + rel.repeats() + " " + fmt(rel.passAllK()) + (rel.passAllK() < rule.limit()
                                ? " is below " : " meets ") + fmt(rule.limit()),
                        entries.stream().filter(e -> !e.outcome().passAllK()).map(CaseOutcomes.Entry::key).toList());
                case MAX_FLIP_RATE -> decide(rule, rel.flipRate() > rule.limit(), rel.flipRate(), rule.limit(),
                        "flip rate " + fmt(rel.flipRate()) + (rel.flipRate() > rule.limit() ? " exceeds " : " is within ")
                                + fmt(rule.limit()) + " (" + rel.flakyCases() + " flaky)",
                        entries.stream().filter(e -> e.outcome().flaky())
                                .sorted(Comparator.comparingDouble(e -> -e.outcome().flipRate()))
                                .map(CaseOutcomes.Entry::key).toList());
                default -> throw new IllegalStateException("unhandled reliability limit " + rule.kind());
            }
        }

        private void maxDrift(GateRule.MaxDrift rule) {
            java.util.Optional<double[]> series = history.series(run, rule.metric(), rule.window());
            if (series.isEmpty()) {
                notes.add("no run history to read: " + rule.name() + " was not checked");
                skip(rule, "needs the run history", rule.level());
                return;
            }
            double[] values = series.get();
            if (values.length < 4) {
                skip(rule, "the history has " + values.length + " runs of this suite with " + rule.metric()
                        + "; a trend needs at least 4", rule.level());
                return;
            }
            dev.evalgate.engine.compare.MannKendallTest.Result mk = dev.evalgate.engine.compare.MannKendallTest
                    .test(values);
            boolean eitherWay = GateRule.MaxDrift.EITHER_WAY.contains(rule.metric());
            double p = eitherWay ? mk.pValue() : rule.higherIsBetter() ? mk.pDecreasing() : mk.pIncreasing();
            boolean violated = p < rule.level();
            String direction = mk.senSlope() < 0 ? "falls" : mk.senSlope() > 0 ? "rises" : "holds";
            decide(rule, violated, p, rule.level(), String.format(java.util.Locale.ROOT, "%s %s over the last %d "
                    + "runs (%s -> %s, Sen's slope %+.4f per run; Mann-Kendall p=%.4f %s %s)", rule.metric(),
                    direction, values.length, fmt(values[0]), fmt(values[values.length - 1]), mk.senSlope(), p,
                    violated ? "<" : ">=", fmt(rule.level())), List.of());
        }

        private void decide(GateRule rule, boolean violated, double observed, double limit, String message,
                            List<String> offending) {
            checks.add(new RuleCheck(rule.name(), violated ? RuleCheck.Status.FAILED : RuleCheck.Status.PASSED,
                    observed, limit, message));
            if (violated) {
                List<String> listed = offending.subList(0, Math.min(policy.listCases(), offending.size()));
                violations.add(new Violation(rule.name(), message, observed, limit, listed, offending.size()));
            }
        }

        /** A rule with nothing to measure in this run: not checked, and a note rather than a failure. */
        private void skip(GateRule rule, String why, double limit) {
            checks.add(new RuleCheck(rule.name(), RuleCheck.Status.NOT_CHECKED, Double.NaN, limit,
                    "not checked: " + why));
        }

        /**
         * A rule that should have been checked and could not be: it fails the gate, unless the policy says
         * {@code on_unchecked: warn} for it.
         */
        private void uncheckable(GateRule rule, String why, double limit) {
            skip(rule, why, limit);
            if (policy.warnsWhenUnchecked(rule)) {
                notes.add(rule.name() + " was not checked (" + why + "); the suite accepts this (on_unchecked: "
                        + "warn)");
                return;
            }
            List<String> listed = List.of();
            violations.add(new Violation(rule.name(), "could not be checked: " + why + "; a rule that cannot be "
                    + "checked fails the gate (set on_unchecked: warn on the rule to accept this)", Double.NaN,
                    limit, listed, 0));
        }

        private void skipForBaseline(GateRule rule, double limit) {
            if (missingBaseline != null) {
                uncheckable(rule, "the baseline was asked for but could not be read: " + missingBaseline, limit);
                return;
            }
            notes.add(NO_BASELINE_NOTE + rule.name() + " was not checked (none was given)");
            skip(rule, "needs a baseline", limit);
        }
    }

    /** Keys of results whose value exceeds {@code above}, largest first, each case once. */
    private static List<String> largest(ResultDigest results, IntToDoubleFunction value, double above) {
        record Keyed(String key, double value) {
        }
        List<Keyed> over = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            double v = value.applyAsDouble(i);
            if (v > above) {
                over.add(new Keyed(results.key(i), v));
            }
        }
        over.sort(Comparator.comparingDouble(k -> -k.value()));
        return distinct(over.stream().map(Keyed::key).toList());
    }

    private static String cases(int n) {
        return n == 1 ? "1 case" : n + " cases";
    }

    private static List<String> distinct(List<String> keys) {
        return List.copyOf(new LinkedHashSet<>(keys));
    }

    private static String interval(MetricDelta m) {
        if (Double.isNaN(m.delta().lower())) {
            return "";
        }
        return String.format(Locale.ROOT, ", %d%% CI [%+.3f, %+.3f]", Math.round(m.delta().confidence() * 100),
                m.delta().lower(), m.delta().upper());
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    private static String p(double p) {
        return p < 0.0001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
