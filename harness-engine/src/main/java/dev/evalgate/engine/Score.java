package dev.evalgate.engine;

import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.datasets.PlainData;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One scorer's verdict on one output.
 *
 * @param name        the scorer's name in the suite
 * @param value       in [0, 1]; 1 is best
 * @param passed      whether the output meets the scorer's bar; an undecided verdict never passes
 * @param explanation for people: why this value, quoting the evidence
 * @param details     machine-readable evidence (matched spans, per-instruction results, margins)
 */
@API(status = STABLE, since = "0.1.0")
public record Score(String name, double value, boolean passed, String explanation, Map<String, Object> details) {
    public static final String VERDICT = "verdict";
    public static final String UNDECIDED = "undecided";

    public Score {
        Objects.requireNonNull(name, "name");
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw new IllegalArgumentException("score value must be in [0, 1], was " + value + " for " + name);
        }
        explanation = explanation == null ? "" : explanation;
        details = PlainData.immutableMap(details);
    }

    public static Score pass(String name, String explanation) {
        return new Score(name, 1.0, true, explanation, Map.of());
    }

    public static Score fail(String name, String explanation) {
        return new Score(name, 0.0, false, explanation, Map.of());
    }

    public static Score of(String name, boolean passed, String explanation, Map<String, Object> details) {
        return new Score(name, passed ? 1.0 : 0.0, passed, explanation, details);
    }

    /** A judge that could not reach a verdict; it counts as not passed and is reported apart. */
    public static Score undecided(String name, String explanation) {
        return new Score(name, 0.0, false, explanation, Map.of(VERDICT, UNDECIDED));
    }

    public boolean undecided() {
        return UNDECIDED.equals(details.get(VERDICT));
    }
}
