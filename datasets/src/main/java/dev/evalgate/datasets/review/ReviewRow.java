package dev.evalgate.datasets.review;

import java.util.Objects;

/**
 * One line of a review sheet: a case as a run saw it (exported), and what a reviewer made of it (filled in).
 *
 * @param line               the line of the sheet the row starts on (0 for a row not read from a file)
 * @param corpus             the corpus the case belongs to
 * @param caseId             the case's id in that corpus
 * @param run                the run the output comes from
 * @param verdict            the run's verdict: passed, failed or errored
 * @param scores             each scorer's value and verdict, for the reviewer to read
 * @param input              the prompt as the model saw it
 * @param reference          the case's reference before the review, or empty
 * @param output             the model's output in that run
 * @param label              the reviewer's verdict on the output: pass, fail or 1..5; empty when not reviewed
 * @param correctedReference the reference the reviewer wants instead, or empty
 * @param note               the reviewer's note, or empty
 * @param reviewer           who reviewed the row, or empty (then the name given when the sheet is applied)
 */
public record ReviewRow(int line, String corpus, String caseId, String run, String verdict, String scores,
                        String input, String reference, String output, String label, String correctedReference,
                        String note, String reviewer) {
    public ReviewRow {
        Objects.requireNonNull(caseId, "caseId");
        corpus = corpus == null ? "" : corpus;
        run = run == null ? "" : run;
        verdict = verdict == null ? "" : verdict;
        scores = scores == null ? "" : scores;
        input = input == null ? "" : input;
        reference = reference == null ? "" : reference;
        output = output == null ? "" : output;
        label = label == null ? "" : label;
        correctedReference = correctedReference == null ? "" : correctedReference;
        note = note == null ? "" : note;
        reviewer = reviewer == null ? "" : reviewer;
    }

    /** A row to export: the reviewer's columns are left empty. */
    public static ReviewRow toReview(String corpus, String caseId, String run, String verdict, String scores,
                                     String input, String reference, String output) {
        return new ReviewRow(0, corpus, caseId, run, verdict, scores, input, reference, output, "", "", "", "");
    }

    /** The reviewer gave a label or a corrected reference. */
    public boolean reviewed() {
        return !label.isBlank() || !correctedReference.isBlank();
    }
}
