package dev.evalgate.reports.model;

/**
 * One line of the metrics table, already formatted so HTML and Markdown show the same numbers.
 *
 * @param interval   95% confidence interval, or empty when none applies
 * @param baseline   the baseline's value, or empty
 * @param delta      candidate minus baseline, or empty
 * @param change     {@code better}, {@code worse}, {@code same}, or empty without a baseline
 * @param changeText the change in words with an arrow, so it never relies on colour alone
 * @param note       how the change was judged (significance test, or none)
 * @param tested     the change was judged by a paired significance test, not by direction alone
 */
public record MetricRow(String metric, String value, String interval, String baseline, String delta, String change,
                        String changeText, String note, boolean tested) {
    public static final String BETTER = "better";
    public static final String WORSE = "worse";
    public static final String SAME = "same";

    public static String describe(String change) {
        return switch (change) {
            case BETTER -> "\u25B2 better";
            case WORSE -> "\u25BC worse";
            case SAME -> "= no change";
            default -> "";
        };
    }
}
