package dev.evalgate.judges.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;

/** Runs a judge scorer over human-labelled items and measures how often it agrees with the people. */
public final class Calibration {
    private Calibration() {
    }

    public static Agreement run(Scorer judge, List<HumanLabel> labels) {
        List<String> human = new ArrayList<>(labels.size());
        List<String> verdicts = new ArrayList<>(labels.size());
        for (HumanLabel label : labels) {
            human.add(label.label());
            verdicts.add(judgeLabel(judge.score(context(label)), label.scale()));
        }
        return Agreement.of(human, verdicts);
    }

    /** The judge's verdict in the labels' vocabulary: pass/fail, or 1..5 from the score's details or value. */
    static String judgeLabel(Score score, boolean scale) {
        if (score.undecided()) {
            return Agreement.UNDECIDED;
        }
        if (!scale) {
            return score.passed() ? "pass" : "fail";
        }
        Object points = score.details().get("score");
        if (points instanceof Number n) {
            return String.valueOf(n.intValue());
        }
        return String.valueOf((int) Math.round(score.value() * 4) + 1);
    }

    static ScoringContext context(HumanLabel label) {
        Map<String, Object> expected = label.reference().isEmpty() ? Map.of() : Map.of("reference", label.reference());
        EvalCase evalCase = new EvalCase("label-line-" + label.line(), Map.of("input", label.input()), expected,
                List.of(), Map.of());
        ModelRequest request = ModelRequest.of("", label.input(), GenerationParams.DEFAULTS);
        return new ScoringContext(evalCase, request, label.output(),
                label.baseline().isEmpty() ? Optional.empty() : Optional.of(label.baseline()));
    }
}
