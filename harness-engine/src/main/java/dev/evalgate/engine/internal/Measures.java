package dev.evalgate.engine.internal;

/**
 * Checks for the numbers a model call is measured by. Results, cache entries and replay lines are read back from
 * files anyone can edit: a negative latency or token count would otherwise reach percentiles and chart bins.
 */
public final class Measures {
    private Measures() {
    }

    public static int count(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, found " + value);
        }
        return value;
    }

    public static double millis(double value, String field) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(field + " must be a number of milliseconds, 0 or more, found "
                    + value);
        }
        return value;
    }
}
