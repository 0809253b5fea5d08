package dev.evalgate.judges.privacy;

import java.util.List;
import java.util.Map;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.ScoringContext;

/** Builds scorers the way a suite does (by type, through the registry) and scores one output against an input. */
final class Scoring {
    private static final ScorerRegistry REGISTRY = ScorerRegistry.load();

    private Scoring() {
    }

    static Scorer scorer(String type, Map<String, Object> params) {
        return REGISTRY.create(ScorerSpec.of(type, params), JudgeModels.none());
    }

    static Score score(Scorer scorer, String input, String output) {
        EvalCase evalCase = new EvalCase("c1", Map.of("input", input), Map.of(), List.of(), Map.of());
        return scorer.score(new ScoringContext(evalCase,
                ModelRequest.of("You are a support assistant.", input, GenerationParams.DEFAULTS), output,
                java.util.Optional.empty()));
    }
}
