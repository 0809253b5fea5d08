package dev.evalgate.reports.model;

/**
 * Pass rate of the cases carrying one tag.
 *
 * @param percent         pass rate in percent, for the bar's width
 * @param baselinePercent the same cases' pass rate in the baseline (those it has), or -1 without one
 */
public record TagRate(String tag, int cases, int passed, double percent, double baselinePercent, String text) {
    public boolean hasBaseline() {
        return baselinePercent >= 0;
    }
}
