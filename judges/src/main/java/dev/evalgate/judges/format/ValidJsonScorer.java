package dev.evalgate.judges.format;

import java.util.Locale;
import java.util.Map;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;

/** Passes when the output is one JSON value (optionally inside a fenced {@code ```json} block). */
public final class ValidJsonScorer implements Scorer {
    private final String name;
    private final boolean allowFenced;

    public ValidJsonScorer(String name, boolean allowFenced) {
        this.name = name;
        this.allowFenced = allowFenced;
    }

    @Override
    public Score score(ScoringContext context) {
        JsonText.Parsed parsed = JsonText.parse(context.output(), allowFenced);
        if (!parsed.ok()) {
            return Score.of(name, false, parsed.problem(), Map.of());
        }
        String where = parsed.fenced() ? "the ```json code block holds" : "the output is";
        return Score.of(name, true, where + " valid JSON (" + parsed.node().getNodeType().name().toLowerCase(Locale.ROOT)
                + ")", Map.of("fenced", parsed.fenced()));
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "valid-json";
        }

        @Override
        public String description() {
            return "output is valid JSON (params: allow_fenced)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("allow_fenced");
            return new ValidJsonScorer(params.spec().name(), params.bool("allow_fenced", false));
        }
    }
}
