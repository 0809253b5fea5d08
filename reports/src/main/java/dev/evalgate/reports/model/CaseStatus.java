package dev.evalgate.reports.model;

import java.util.List;

import dev.evalgate.engine.CaseResult;

/** How a case did over its repeats in one run. */
public enum CaseStatus {
    /** Every repeat passed. */
    PASS,
    /** Every repeat was evaluated and failed. */
    FAIL,
    /** No repeat could be evaluated. */
    ERROR,
    /** Repeats disagree: the verdict depends on sampling, so a change is not a regression. */
    FLAKY;

    public static CaseStatus of(List<CaseResult> repeats) {
        int passed = 0;
        int errored = 0;
        for (CaseResult r : repeats) {
            if (r.passed()) {
                passed++;
            } else if (r.errored()) {
                errored++;
            }
        }
        if (passed == repeats.size()) {
            return PASS;
        }
        if (errored == repeats.size()) {
            return ERROR;
        }
        if (passed == 0) {
            return errored == 0 ? FAIL : FLAKY;
        }
        return FLAKY;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
