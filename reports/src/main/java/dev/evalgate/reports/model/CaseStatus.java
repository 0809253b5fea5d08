package dev.evalgate.reports.model;

import java.util.List;

import dev.evalgate.engine.CaseResult;

/** How a case did over its repeats in one run. */
public enum CaseStatus {
    /** Every repeat passed. */
    PASS,
    /** No repeat passed (some may have errored). */
    FAIL,
    /** No repeat could be evaluated. */
    ERROR,
    /** Some repeats passed and some did not: the verdict depends on sampling, so a change is not a regression. */
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
        return of(passed, errored, repeats.size());
    }

    /** The status of a case of {@code repeats} results, {@code passed} of which passed and {@code errored} errored. */
    static CaseStatus of(int passed, int errored, int repeats) {
        if (passed == repeats) {
            return PASS;
        }
        if (errored == repeats) {
            return ERROR;
        }
        return passed == 0 ? FAIL : FLAKY;
    }

    /** A case's status from the engine's per-case outcome (used when only a comparison describes the baseline). */
    public static CaseStatus of(dev.evalgate.engine.compare.CaseOutcome outcome) {
        if (outcome.passed() == outcome.repeats()) {
            return PASS;
        }
        if (outcome.errored() == outcome.repeats()) {
            return ERROR;
        }
        return outcome.passed() == 0 ? FAIL : FLAKY;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
