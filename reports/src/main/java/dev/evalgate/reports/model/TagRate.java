package dev.evalgate.reports.model;

/**
 * Pass rate of the cases carrying one tag.
 *
 * @param percent pass rate in percent, for the bar's width
 */
public record TagRate(String tag, int cases, int passed, double percent, String text) {
}
