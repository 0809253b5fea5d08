package dev.evalgate.judges.calibration;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;

/**
 * A judge scorer whose agreement with people was measured. Every score carries the kappa; when it is below the
 * bar, every score is also marked {@code details.untrusted = true}, and says so, so a gate can refuse to count it.
 */
public final class CalibratedScorer implements Scorer {
    public static final String UNTRUSTED = "untrusted";

    private final Scorer judge;
    private final Agreement agreement;
    private final double minKappa;

    public CalibratedScorer(Scorer judge, Agreement agreement, double minKappa) {
        this.judge = judge;
        this.agreement = agreement;
        this.minKappa = minKappa;
    }

    public Agreement agreement() {
        return agreement;
    }

    public boolean trusted() {
        return agreement.kappa() >= minKappa;
    }

    @Override
    public Score score(ScoringContext context) {
        Score score = judge.score(context);
        Map<String, Object> details = new LinkedHashMap<>(score.details());
        details.put("calibration_kappa", agreement.kappa());
        details.put("calibration_items", agreement.items());
        if (trusted()) {
            return new Score(score.name(), score.value(), score.passed(), score.explanation(), details);
        }
        details.put(UNTRUSTED, true);
        String warning = String.format("[untrusted judge: kappa %.2f against %d human labels, below %.2f] ",
                agreement.kappa(), agreement.items(), minKappa);
        return new Score(score.name(), score.value(), score.passed(), warning + score.explanation(), details);
    }
}
