package com.example.housestyle;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;

/**
 * The {@code house-style} scorer type, found by evalgate through
 * {@code META-INF/services/dev.evalgate.engine.ScorerProvider}. Parameters: {@code style_guide} (a file, relative
 * to the suite), {@code ignore_case} (default true), {@code max_banned} (default 0).
 */
public final class HouseStyleScorerProvider implements ScorerProvider {
    @Override
    public String type() {
        return "house-style";
    }

    @Override
    public String description() {
        return "the output avoids the style guide's banned terms and spells the product name exactly";
    }

    @Override
    public Scorer create(ScorerParams params, JudgeModels models) {
        // Every mistake is reported with the suite file, line and parameter: unknown keys, wrong types, bad files.
        params.allowOnly("style_guide", "ignore_case", "max_banned");
        int maxBanned = params.integer("max_banned", 0);
        if (maxBanned < 0) {
            throw params.error("max_banned", "must be 0 or more, found " + maxBanned);
        }
        return new HouseStyleScorer(params.spec().name(), StyleGuide.read(params, "style_guide"),
                params.bool("ignore_case", true), maxBanned);
    }
}
