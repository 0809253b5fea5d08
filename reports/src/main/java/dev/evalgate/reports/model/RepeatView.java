package dev.evalgate.reports.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One repeat of a case as the report shows it (JSON names kept short: they repeat for every result).
 *
 * @param r     repeat index
 * @param ok    every scorer passed and nothing errored
 * @param err   why the case could not be evaluated, or null
 * @param out   the output, capped at {@link TextCap#OUTPUT_CHARS}
 * @param len   the output's full length, so the page can say how much was cut
 * @param trunc the engine had already cut the output at {@code CaseResult.MAX_OUTPUT_CHARS}
 * @param trace trace id of the model call
 * @param pt    prompt tokens
 * @param ct    completion tokens
 * @param lat   latency in milliseconds, summed over retries and repairs
 * @param ttft  time to first token in milliseconds, or null when the backend did not stream
 * @param fin   finish reason
 * @param calls model calls made; {@code cached} were served from the inference cache
 * @param rep   repair attempts
 * @param fb    the bundle's fallback output was used
 * @param cost  what the result cost (model and judge calls) at the run's prices, {@code unknown} without a
 *              price; null on the baseline side
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepeatView(int r, boolean ok, String err, String out, int len, boolean trunc, String trace, int pt,
                         int ct, double lat, Double ttft, String fin, int calls, int cached, int rep, boolean fb,
                         List<ScoreView> scores, String cost) {
}
