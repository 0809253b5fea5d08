package dev.evalgate.engine.gate;

import java.util.Objects;

/**
 * One rule as the gate checked it, passed or not, so a report can show the whole policy and not only its
 * failures.
 *
 * @param rule     the rule's name
 * @param status   whether it passed, failed, or could not be checked (and why, in {@code message})
 * @param observed the run's value, NaN when skipped
 * @param limit    the rule's limit
 * @param message  one sentence for people
 */
public record RuleCheck(String rule, Status status, double observed, double limit, String message) {
    public enum Status {
        PASSED,
        FAILED,
        /** The rule needs something the run does not have: a baseline, or scores from a trusted judge. */
        SKIPPED
    }

    public RuleCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }
}
