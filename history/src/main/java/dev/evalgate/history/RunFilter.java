package dev.evalgate.history;

/**
 * Which runs to list; a null field does not filter.
 *
 * @param limit the most recent runs to keep, 0 for all
 */
public record RunFilter(String suite, String branch, String model, String bundle, int limit) {
    public static final RunFilter ALL = new RunFilter(null, null, null, null, 0);

    public RunFilter {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        suite = blankToNull(suite);
        branch = blankToNull(branch);
        model = blankToNull(model);
        bundle = blankToNull(bundle);
    }

    public static RunFilter suite(String suite) {
        return new RunFilter(suite, null, null, null, 0);
    }

    public RunFilter withLimit(int newLimit) {
        return new RunFilter(suite, branch, model, bundle, newLimit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
