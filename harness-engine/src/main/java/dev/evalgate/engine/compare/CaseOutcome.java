package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.evalgate.engine.CaseResult;

/**
 * One case in one run, taken over its repeats.
 *
 * @param repeats       how many results the run has for the case
 * @param passed        how many of them passed (scores from untrusted judges not counted)
 * @param errored       how many could not be evaluated
 * @param scores        each scorer's mean value over the repeats, by scorer name, in suite order
 * @param failedScorers names of scorers that failed at least one repeat (untrusted judges excluded)
 * @param output        the first repeat's output, for side-by-side views, cut to {@link #MAX_OUTPUT_CHARS} so a
 *                      comparison of a large corpus stays small; the run itself keeps the full output
 * @param error         the first repeat's error, or null
 */
public record CaseOutcome(int repeats, int passed, int errored, Map<String, Double> scores,
                          List<String> failedScorers, String output, String error) {
    public static final int MAX_OUTPUT_CHARS = 8 * 1024;

    public CaseOutcome {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, was " + repeats);
        }
        if (passed < 0 || passed > repeats) {
            throw new IllegalArgumentException("passed must be between 0 and repeats, was " + passed);
        }
        scores = Map.copyOf(Objects.requireNonNullElse(scores, Map.of()));
        failedScorers = List.copyOf(Objects.requireNonNullElse(failedScorers, List.of()));
        output = output == null ? "" : CaseResult.cap(output, MAX_OUTPUT_CHARS);
    }

    /** Share of repeats that passed. */
    @JsonIgnore
    public double passRate() {
        return (double) passed / repeats;
    }

    /** pass@k: at least one of the k repeats passed. */
    @JsonIgnore
    public boolean passAtK() {
        return passed > 0;
    }

    /** pass^k: all k repeats passed, the bar for a case that must work every time. */
    @JsonIgnore
    public boolean passAllK() {
        return passed == repeats;
    }

    /** The repeats disagree. */
    @JsonIgnore
    public boolean flaky() {
        return passed > 0 && passed < repeats;
    }

    /**
     * Share of pairs of repeats whose verdicts differ: an unbiased estimate of the chance that two runs of this case
     * disagree. 0 for a single repeat.
     */
    @JsonIgnore
    public double flipRate() {
        if (repeats < 2) {
            return 0.0;
        }
        return (double) passed * (repeats - passed) / (repeats * (repeats - 1) / 2.0);
    }
}
