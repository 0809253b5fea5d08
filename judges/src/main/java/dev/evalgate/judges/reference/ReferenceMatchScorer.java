package dev.evalgate.judges.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.judges.Excerpt;

/**
 * Compares the output with the case's reference answers ({@code expected.references} and/or
 * {@code expected.reference}) by one {@link Similarity}; the value is the best over the references and the score
 * passes at {@code threshold} or above. Registered as {@code exact-match}, {@code token-f1} and {@code rouge-l}.
 */
public final class ReferenceMatchScorer implements Scorer {
    private final String name;
    private final Similarity similarity;
    private final double threshold;

    public ReferenceMatchScorer(String name, Similarity similarity, double threshold) {
        this.name = name;
        this.similarity = similarity;
        this.threshold = threshold;
    }

    @Override
    public Score score(ScoringContext context) {
        List<String> references;
        try {
            references = CaseFields.requiredReferences(context.evalCase());
        } catch (CaseDataException e) {
            return Score.undecided(name, e.getMessage());
        }
        Similarity.Best best = similarity.best(context.output(), references);
        boolean passed = best.value() >= threshold;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(similarity.label(), best.value());
        details.put("best_reference", best.index());
        String explanation = String.format("%s %.3f against reference %d of %d %s (pass at %.2f)", similarity.label(),
                best.value(), best.index() + 1, references.size(), Excerpt.of(references.get(best.index()), 60),
                threshold);
        return new Score(name, best.value(), passed, explanation, details);
    }

    private static Scorer create(ScorerParams params, Similarity similarity, double defaultThreshold) {
        if (similarity == Similarity.EXACT_MATCH) {
            params.allowOnly();
            return new ReferenceMatchScorer(params.spec().name(), similarity, 1.0);
        }
        params.allowOnly("threshold");
        double threshold = params.number("threshold", defaultThreshold);
        if (threshold < 0 || threshold > 1) {
            throw params.error("threshold", "must be between 0 and 1, was " + threshold);
        }
        return new ReferenceMatchScorer(params.spec().name(), similarity, threshold);
    }

    public static final class ExactMatchProvider implements ScorerProvider {
        @Override
        public String type() {
            return "exact-match";
        }

        @Override
        public String description() {
            return "output equals a reference after SQuAD normalisation (case, punctuation, articles, whitespace)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            return ReferenceMatchScorer.create(params, Similarity.EXACT_MATCH, 1.0);
        }
    }

    public static final class TokenF1Provider implements ScorerProvider {
        @Override
        public String type() {
            return "token-f1";
        }

        @Override
        public String description() {
            return "SQuAD token F1 against the best reference (params: threshold, default 0.5)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            return ReferenceMatchScorer.create(params, Similarity.TOKEN_F1, 0.5);
        }
    }

    public static final class RougeLProvider implements ScorerProvider {
        @Override
        public String type() {
            return "rouge-l";
        }

        @Override
        public String description() {
            return "ROUGE-L F-measure against the best reference (params: threshold, default 0.5)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            return ReferenceMatchScorer.create(params, Similarity.ROUGE_L, 0.5);
        }
    }
}
