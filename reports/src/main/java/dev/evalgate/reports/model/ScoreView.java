package dev.evalgate.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One score as a report shows it; short JSON names because a 10,000-case report embeds one per case and scorer.
 *
 * @param n scorer name
 * @param v value in [0, 1]
 * @param p passed
 * @param u undecided (a judge that reached no verdict)
 * @param e explanation, capped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreView(String n, double v, boolean p, boolean u, String e) {
}
