package dev.evalgate.judges.llm;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalgate.engine.Score;

/** Turns a judge that reached no verdict into an undecided score, which never passes. */
final class Verdicts {
    private Verdicts() {
    }

    static Score undecided(String name, JudgeCall.Undecided undecided) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(Score.VERDICT, Score.UNDECIDED);
        details.put("attempts", undecided.attempts());
        return new Score(name, 0.0, false, "undecided: " + undecided.reason(), details);
    }
}
