package dev.evalgate.history;

import java.util.Map;

/**
 * One case in one run (its first repeat's output; the pass verdict over every repeat).
 *
 * @param passedRepeats repeats that passed, out of {@code repeats}
 * @param scores        each scorer's mean value over the repeats
 * @param output        the first repeat's output, as kept in the history ({@link RunRecorder#MAX_OUTPUT_CHARS})
 * @param outputSha256  the hash of the whole first-repeat output
 */
public record CaseEntry(RunEntry run, String caseKey, int repeats, int passedRepeats, boolean errored, String output,
                        String outputSha256, int outputChars, Map<String, Double> scores, String error) {
    public boolean passed() {
        return repeats > 0 && passedRepeats == repeats;
    }
}
