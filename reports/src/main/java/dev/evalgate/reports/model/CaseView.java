package dev.evalgate.reports.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A case with all its repeats, classified for the report's filters.
 *
 * @param k        the case key ({@code corpus/id}), stable across runs
 * @param corpus   corpus name
 * @param id       case id within the corpus
 * @param tags     the case's tags
 * @param adv      tagged adversarial
 * @param st       {@link CaseStatus} in the candidate run, as its lower-case name
 * @param ch       {@link CaseChange} against the baseline, as its lower-case name; {@code none} without a baseline
 * @param bst      status in the baseline run, or null when the case is not in it
 * @param failed   scorers that failed in at least one repeat
 * @param prompt   the rendered prompt, capped
 * @param reps     candidate repeats
 * @param base     baseline repeats, empty without a baseline
 * @param lat      mean latency over repeats, in milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView(String k, String corpus, String id, List<String> tags, boolean adv, String st, String ch,
                       String bst, List<String> failed, String prompt, List<RepeatView> reps, List<RepeatView> base,
                       double lat) {
    public CaseView {
        tags = List.copyOf(tags);
        failed = List.copyOf(failed);
        reps = reps instanceof CaseViews.RepeatViews ? reps : List.copyOf(reps);
        base = List.copyOf(base);
    }
}
