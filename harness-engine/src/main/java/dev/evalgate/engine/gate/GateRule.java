package dev.evalgate.engine.gate;

import java.util.List;
import java.util.Objects;

import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.compare.Comparability;

/**
 * One rule of a suite's {@code gate:} policy. The set of rules is closed: each kind needs its own evaluation.
 * Every rule keeps where it was written, so a rule that cannot be checked still names file, line and field.
 */
public sealed interface GateRule {
    /** A short, stable name for reports, such as {@code min_pass_rate[scorer=exact]}. */
    String name();

    SourceLocation location();

    /**
     * The share of results that errored (no output could be scored: a failed model call, a missing cassette, a
     * timeout) may be at most {@code max}. Every policy has this rule, with {@code max} 0 unless the suite says
     * otherwise: an errored result is never a pass, and never a scorer's failure either.
     */
    record MaxErrorRate(double max, SourceLocation location) implements GateRule {
        public MaxErrorRate {
            requireShare(max, "max");
            location = orNone(location);
        }

        @Override
        public String name() {
            return "max_error_rate";
        }
    }

    /**
     * The share of results that pass must be at least {@code min}. Errored results are left out: they are counted
     * by {@link MaxErrorRate}, not as failures of a scorer.
     *
     * @param scorer only this scorer's verdicts, or null for the overall verdict (every scorer passes)
     * @param tag    only cases with this tag, or null for every case
     */
    record MinPassRate(String scorer, String tag, double min, SourceLocation location) implements GateRule {
        public MinPassRate {
            requireShare(min, "min");
            location = orNone(location);
        }

        @Override
        public String name() {
            StringBuilder filter = new StringBuilder();
            if (scorer != null) {
                filter.append("scorer=").append(scorer);
            }
            if (tag != null) {
                filter.append(filter.length() > 0 ? "," : "").append("tag=").append(tag);
            }
            return "min_pass_rate" + (filter.length() > 0 ? "[" + filter + "]" : "");
        }
    }

    /**
     * No case with one of these tags may fail in the candidate when it did not fail in the baseline (regressed, or
     * new and failing). Flaky cases do not count. Needs a baseline.
     */
    record NoNewFailures(List<String> tags, SourceLocation location) implements GateRule {
        public NoNewFailures {
            tags = List.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("tags must not be empty");
            }
            location = orNone(location);
        }

        @Override
        public String name() {
            return "no_new_failures[tags=" + String.join(",", tags) + "]";
        }
    }

    /**
     * The metric may not drop by more than {@code maxDrop} when the drop is significant at {@code level}
     * (two-sided paired test). With {@code maxDrop} 0, any significant regression fails. Needs a baseline.
     *
     * @param metric {@code pass} for the overall pass rate, otherwise a scorer's name
     */
    record MaxRegression(String metric, double maxDrop, double level, SourceLocation location) implements GateRule {
        public MaxRegression {
            Objects.requireNonNull(metric, "metric");
            requireShare(maxDrop, "maxDrop");
            requireLevel(level);
            location = orNone(location);
        }

        @Override
        public String name() {
            return "max_regression[" + metric + "]";
        }
    }

    /**
     * The candidate and the baseline must share these aspects (the same model, tier, repeats, corpora or bundle),
     * so that a comparison cannot pass while it compares something else than it seems. Needs a baseline.
     */
    record RequireSame(List<Comparability> aspects, SourceLocation location) implements GateRule {
        public RequireSame {
            aspects = List.copyOf(aspects);
            if (aspects.isEmpty()) {
                throw new IllegalArgumentException("aspects must not be empty");
            }
            location = orNone(location);
        }

        @Override
        public String name() {
            return "require_same[" + String.join(",", aspects.stream().map(Comparability::key).toList()) + "]";
        }
    }

    /** A cost or speed limit on the candidate run. */
    record Budget(BudgetKind kind, double limit, SourceLocation location) implements GateRule {
        public Budget {
            Objects.requireNonNull(kind, "kind");
            if (Double.isNaN(limit) || limit < 0) {
                throw new IllegalArgumentException("budget " + kind.key() + " must be a number >= 0, was " + limit);
            }
            location = orNone(location);
        }

        @Override
        public String name() {
            return "budget[" + kind.key() + "]";
        }
    }

    /** A floor or ceiling on how dependable the candidate is across repeats. */
    record ReliabilityLimit(ReliabilityKind kind, double limit, SourceLocation location) implements GateRule {
        public ReliabilityLimit {
            Objects.requireNonNull(kind, "kind");
            requireShare(limit, kind.key());
            location = orNone(location);
        }

        @Override
        public String name() {
            return "reliability[" + kind.key() + "]";
        }
    }

    /**
     * The metric must not drift the wrong way over the suite's latest {@code window} runs, the candidate's the
     * last: a Mann–Kendall trend test, one-sided at {@code level}, over the values the run history supplies. It
     * catches a slide that each release passes on its own.
     */
    record MaxDrift(String metric, int window, double level, SourceLocation location) implements GateRule {
        /** Recorded figures besides pass rates and scores; for these, higher is worse. */
        public static final java.util.Set<String> LOWER_IS_BETTER = java.util.Set.of("latency_p50_ms",
                "latency_p95_ms", "completion_tokens_per_result", "errored_results");
        /** Recorded figures with no better direction: a drift either way is a change. */
        public static final java.util.Set<String> EITHER_WAY = java.util.Set.of("output_chars_per_result");

        public MaxDrift {
            Objects.requireNonNull(metric, "metric");
            if (window < 4 || window > 1000) {
                throw new IllegalArgumentException("window must be between 4 and 1000 runs, was " + window);
            }
            requireLevel(level);
            location = orNone(location);
        }

        public boolean higherIsBetter() {
            return !LOWER_IS_BETTER.contains(metric);
        }

        @Override
        public String name() {
            return "max_drift[" + metric + "]";
        }
    }

    /** The budgets a policy can set, by their YAML key. */
    enum BudgetKind {
        MEAN_TOKENS_PER_CASE("mean_tokens_per_case"),
        TOTAL_TOKENS("total_tokens"),
        LATENCY_P50_MS("latency_p50_ms"),
        LATENCY_P95_MS("latency_p95_ms"),
        MEAN_COST_PER_CASE("mean_cost_per_case"),
        TOTAL_COST("total_cost"),
        REPAIR_RATE("repair_rate");

        private final String key;

        BudgetKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public boolean needsPrices() {
            return this == MEAN_COST_PER_CASE || this == TOTAL_COST;
        }
    }

    /** The reliability limits a policy can set, by their YAML key. */
    enum ReliabilityKind {
        /** Floor on pass@k: share of cases where some repeat passed. */
        MIN_PASS_AT_K("min_pass_at_k"),
        /** Floor on pass^k: share of cases where every repeat passed. */
        MIN_PASS_ALL_K("min_pass_all_k"),
        /** Ceiling on the mean chance that two repeats of a case disagree. */
        MAX_FLIP_RATE("max_flip_rate");

        private final String key;

        ReliabilityKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static void requireShare(double value, String field) {
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw new IllegalArgumentException(field + " must be between 0 and 1, was " + value);
        }
    }

    static void requireLevel(double level) {
        if (Double.isNaN(level) || level <= 0 || level > 0.5) {
            throw new IllegalArgumentException("level must be in (0, 0.5], was " + level);
        }
    }

    private static SourceLocation orNone(SourceLocation location) {
        return location == null ? SourceLocation.NONE : location;
    }
}
