package dev.evalgate.judges.reference;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;

/**
 * Passes when every number in the reference ({@code expected.reference}, or the first of
 * {@code expected.references}) also appears in the output, compared as values ("1,000" = "1000.0"), within a
 * relative {@code tolerance}. With {@code forbid_extra}, the output must not state numbers the reference lacks
 * (a hallucinated figure). The value is the share of reference numbers found.
 */
public final class NumbersMatchScorer implements Scorer {
    /** Thousands separators only in groups of three; a minus only when it is not a hyphen after a word or digit. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}.,])(?:(?<![\\p{L}\\p{N}])-)?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?");
    /** Outputs can be huge; counting more numbers than this says nothing more. */
    static final int MAX_NUMBERS = 10_000;

    private final String name;
    private final double tolerance;
    private final boolean forbidExtra;

    public NumbersMatchScorer(String name, double tolerance, boolean forbidExtra) {
        this.name = name;
        this.tolerance = tolerance;
        this.forbidExtra = forbidExtra;
    }

    static List<BigDecimal> numbers(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2212', '-');
        Matcher m = NUMBER.matcher(normalized);
        List<BigDecimal> out = new ArrayList<>();
        while (m.find() && out.size() < MAX_NUMBERS) {
            out.add(new BigDecimal(m.group().replace(",", "")));
        }
        return out;
    }

    private boolean same(BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) == 0) {
            return true;
        }
        double scale = Math.max(Math.abs(a.doubleValue()), Math.abs(b.doubleValue()));
        return tolerance > 0 && Math.abs(a.doubleValue() - b.doubleValue()) <= tolerance * scale;
    }

    private boolean containsValue(List<BigDecimal> haystack, BigDecimal value) {
        return haystack.stream().anyMatch(candidate -> same(candidate, value));
    }

    @Override
    public Score score(ScoringContext context) {
        List<String> references;
        try {
            references = CaseFields.requiredReferences(context.evalCase());
        } catch (CaseDataException e) {
            return Score.undecided(name, e.getMessage());
        }
        String reference;
        try {
            reference = CaseFields.text(context.evalCase(), "reference").orElse(references.get(0));
        } catch (CaseDataException e) {
            return Score.undecided(name, e.getMessage());
        }
        List<BigDecimal> expected = numbers(reference);
        List<BigDecimal> actual = numbers(context.output());
        List<String> missing = new ArrayList<>();
        for (BigDecimal number : expected) {
            if (!containsValue(actual, number)) {
                missing.add(number.toPlainString());
            }
        }
        List<String> extra = new ArrayList<>();
        for (BigDecimal number : actual) {
            if (!containsValue(expected, number) && !extra.contains(number.toPlainString())) {
                extra.add(number.toPlainString());
            }
        }
        boolean passed = missing.isEmpty() && (!forbidExtra || extra.isEmpty());
        double value = expected.isEmpty() ? (passed ? 1.0 : 0.0)
                : (double) (expected.size() - missing.size()) / expected.size();
        if (!passed) {
            value = Math.min(value, 0.99);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("expected", expected.stream().map(BigDecimal::toPlainString).toList());
        details.put("missing", missing);
        details.put("extra", extra);
        StringBuilder explanation = new StringBuilder();
        explanation.append(expected.size() - missing.size()).append(" of ").append(expected.size())
                .append(" reference number(s) found");
        if (!missing.isEmpty()) {
            explanation.append("; missing ").append(missing);
        }
        if (!extra.isEmpty()) {
            explanation.append("; not in the reference ").append(extra.size() > 10 ? extra.subList(0, 10) + "…"
                    : extra).append(forbidExtra ? " (forbidden)" : "");
        }
        return new Score(name, value, passed, explanation.toString(), details);
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "numbers-match";
        }

        @Override
        public String description() {
            return "numbers in the reference appear in the output (params: tolerance, forbid_extra)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("tolerance", "forbid_extra");
            double tolerance = params.number("tolerance", 0.0);
            if (tolerance < 0 || tolerance >= 1) {
                throw params.error("tolerance", "a relative tolerance in [0, 1), such as 0.01, was " + tolerance);
            }
            return new NumbersMatchScorer(params.spec().name(), tolerance, params.bool("forbid_extra", false));
        }
    }
}
