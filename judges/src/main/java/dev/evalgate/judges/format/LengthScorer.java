package dev.evalgate.judges.format;

import java.util.Locale;
import java.util.Map;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;

/**
 * Passes when the output's length lies within {@code [min, max]} (both inclusive, either optional) counted in
 * {@code words}, {@code sentences} or {@code characters} (Unicode code points); see {@link TextCounts}.
 */
public final class LengthScorer implements Scorer {
    public enum Unit {
        WORDS, SENTENCES, CHARACTERS;

        int count(String text) {
            return switch (this) {
                case WORDS -> TextCounts.words(text);
                case SENTENCES -> TextCounts.sentences(text);
                case CHARACTERS -> TextCounts.characters(text);
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Unit unit;
    private final Integer min;
    private final Integer max;

    public LengthScorer(String name, Unit unit, Integer min, Integer max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("give min, max or both");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min (" + min + ") is greater than max (" + max + ")");
        }
        this.name = name;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    @Override
    public Score score(ScoringContext context) {
        int count = unit.count(context.output());
        boolean passed = (min == null || count >= min) && (max == null || count <= max);
        String bounds = min == null ? "at most " + max : max == null ? "at least " + min : min + " to " + max;
        String explanation = count + " " + unit.label() + (passed ? ", within " : ", outside ") + bounds;
        return Score.of(name, passed, explanation, Map.of("count", count, "unit", unit.label()));
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "length";
        }

        @Override
        public String description() {
            return "output length within bounds (params: unit words|sentences|characters, min, max)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("unit", "min", "max");
            String unitName = params.string("unit", "words");
            Unit unit;
            try {
                unit = Unit.valueOf(unitName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw params.error("unit", "unknown unit '" + unitName + "'; use words, sentences or characters");
            }
            Integer min = params.has("min") ? params.integer("min", 0) : null;
            Integer max = params.has("max") ? params.integer("max", 0) : null;
            if (min == null && max == null) {
                throw params.error("min", "give 'min', 'max' or both");
            }
            if ((min != null && min < 0) || (max != null && max < 0)) {
                throw params.error(min != null && min < 0 ? "min" : "max", "must not be negative");
            }
            if (min != null && max != null && min > max) {
                throw params.error("max", "max (" + max + ") is less than min (" + min + ")");
            }
            return new LengthScorer(params.spec().name(), unit, min, max);
        }
    }
}
