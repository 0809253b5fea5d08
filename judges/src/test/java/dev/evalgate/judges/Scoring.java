package dev.evalgate.judges;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.ScoringContext;

/** Test fixture: scorers created by type through the service registry, as a suite would, and contexts to score. */
public final class Scoring {
    private static final ScorerRegistry REGISTRY = ScorerRegistry.load();

    private Scoring() {
    }

    public static Scorer scorer(String type, Map<String, Object> params) {
        return REGISTRY.create(ScorerSpec.of(type, params), JudgeModels.none());
    }

    public static Scorer scorer(String type, Map<String, Object> params, JudgeModels models) {
        return REGISTRY.create(ScorerSpec.of(type, params), models);
    }

    public static ScoringContext context(String output) {
        return context(output, Map.of());
    }

    public static ScoringContext context(String output, Map<String, Object> expected) {
        return context(output, expected, List.of(), "");
    }

    public static ScoringContext context(String output, Map<String, Object> expected, List<String> tags,
                                         String system) {
        EvalCase evalCase = new EvalCase("case-1", Map.of("input", "the question"), expected, tags, Map.of());
        return new ScoringContext(evalCase, ModelRequest.of(system, "the question", GenerationParams.DEFAULTS),
                output, Optional.empty());
    }

    public static Score score(String type, Map<String, Object> params, String output) {
        return scorer(type, params).score(context(output));
    }

    public static Score score(String type, Map<String, Object> params, String output, Map<String, Object> expected) {
        return scorer(type, params).score(context(output, expected));
    }
}
