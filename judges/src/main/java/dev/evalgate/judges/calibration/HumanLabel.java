package dev.evalgate.judges.calibration;

import java.util.Objects;

/**
 * One item a person labelled: what the model was asked, what it answered, and the person's verdict.
 *
 * @param line      1-based line in the labels file, for messages
 * @param input     the task as the model saw it
 * @param output    the answer being judged
 * @param reference the reference answer, or empty
 * @param baseline  the other answer for a pairwise judge, or empty
 * @param label     {@code pass}, {@code fail}, or {@code 1}..{@code 5}
 */
public record HumanLabel(int line, String input, String output, String reference, String baseline, String label) {
    public HumanLabel {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        reference = reference == null ? "" : reference;
        baseline = baseline == null ? "" : baseline;
        Objects.requireNonNull(label, "label");
    }

    public boolean scale() {
        return !label.equals("pass") && !label.equals("fail");
    }
}
