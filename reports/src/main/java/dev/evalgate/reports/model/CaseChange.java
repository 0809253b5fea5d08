package dev.evalgate.reports.model;

import java.util.Locale;

/** What happened to a case between the baseline and the candidate run. */
public enum CaseChange {
    /** Passed in the baseline, fails (or errors) in the candidate on every repeat. */
    REGRESSED,
    /** Failed in the baseline, passes in the candidate on every repeat. */
    FIXED,
    /** The verdict varies between repeats in either run, so no change can be claimed. */
    FLAKY,
    /** Not in the baseline. */
    NEW,
    /** Same verdict in both runs. */
    UNCHANGED,
    /** Only in the baseline: the corpus lost the case. */
    REMOVED,
    /** No baseline to compare with. */
    NONE;

    public static CaseChange between(CaseStatus baseline, CaseStatus candidate) {
        if (baseline == null) {
            return NEW;
        }
        if (baseline == CaseStatus.FLAKY || candidate == CaseStatus.FLAKY) {
            return FLAKY;
        }
        boolean before = baseline == CaseStatus.PASS;
        boolean after = candidate == CaseStatus.PASS;
        if (before && !after) {
            return REGRESSED;
        }
        if (!before && after) {
            return FIXED;
        }
        return UNCHANGED;
    }

    /** The engine's classification, when a comparison supplied one. */
    public static CaseChange of(dev.evalgate.engine.compare.DiffStatus status) {
        return switch (status) {
            case REGRESSED -> REGRESSED;
            case FIXED -> FIXED;
            case FLAKY -> FLAKY;
            case NEW -> NEW;
            case REMOVED -> REMOVED;
            case UNCHANGED_PASS, UNCHANGED_FAIL -> UNCHANGED;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
