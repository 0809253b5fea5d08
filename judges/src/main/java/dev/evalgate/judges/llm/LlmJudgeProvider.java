package dev.evalgate.judges.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.SuitePaths;
import dev.evalgate.judges.calibration.Agreement;
import dev.evalgate.judges.calibration.CalibratedScorer;
import dev.evalgate.judges.calibration.Calibration;
import dev.evalgate.judges.calibration.HumanLabels;

/**
 * What every LLM-as-judge provider shares: the judge comes from the {@code judge} role, never from the scorer;
 * parameters {@code max_tokens} (judge reply budget, default the suite judge's, 256) and {@code max_chars} (longest judged text shown
 * to the judge, default 8000); and optional calibration: with {@code calibration_labels} (a labels file, see
 * {@link HumanLabels}) the new scorer is run over the human-labelled items once, and if Cohen's kappa is below
 * {@code min_kappa} (default 0.6) every score it gives is marked {@code untrusted}.
 */
public abstract class LlmJudgeProvider implements ScorerProvider {
    private static final List<String> COMMON = List.of("max_tokens", "max_chars", "calibration_labels", "min_kappa");

    /** Parameters the concrete judge takes in addition to the common ones. */
    protected abstract List<String> ownParameters();

    /** Builds the judge scorer once the common parameters are checked. */
    protected abstract Scorer build(ScorerParams params, JudgeSettings settings);

    /** The judge client and limits a judge scorer works with. */
    public record JudgeSettings(ModelClient judge, GenerationParams generation, int maxChars) {
        JudgeCall call() {
            return new JudgeCall(judge, generation);
        }
    }

    @Override
    public final Scorer create(ScorerParams params, JudgeModels models) {
        List<String> allowed = new ArrayList<>(COMMON);
        allowed.addAll(ownParameters());
        params.allowOnly(allowed.toArray(String[]::new));
        GenerationParams sampling = models.sampling();
        int maxTokens = params.integer("max_tokens", sampling.maxTokens());
        if (params.has("max_tokens") && (maxTokens < 16 || maxTokens > 8192)) {
            throw params.error("max_tokens", "must be between 16 and 8192, was " + maxTokens);
        }
        int maxChars = params.integer("max_chars", 8_000);
        if (maxChars < 100) {
            throw params.error("max_chars", "must be at least 100, was " + maxChars);
        }
        double minKappa = params.number("min_kappa", 0.6);
        if (minKappa < -1 || minKappa > 1) {
            throw params.error("min_kappa", "Cohen's kappa lies in [-1, 1]; was " + minKappa);
        }
        if (params.has("min_kappa") && !params.has("calibration_labels")) {
            throw params.error("min_kappa", "needs 'calibration_labels', the human-labelled file to measure"
                    + " agreement against");
        }
        ModelClient judge = models.forRole(JudgeModels.JUDGE);
        Scorer scorer = build(params, new JudgeSettings(judge, new GenerationParams(sampling.temperature(),
                sampling.seed(), maxTokens, sampling.topP(), sampling.stop()),
                maxChars));
        if (!params.has("calibration_labels")) {
            return scorer;
        }
        Path labels = SuitePaths.resolve(params, params.requiredString("calibration_labels"));
        Agreement agreement = Calibration.run(scorer, HumanLabels.read(labels));
        return new CalibratedScorer(scorer, agreement, minKappa);
    }
}
