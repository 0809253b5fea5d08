package dev.evalgate.engine.gate;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One rule as the gate checked it, passed or not, so a report can show the whole policy and not only its
 * failures.
 *
 * @param rule     the rule's name
 * @param status   whether it passed, failed, or could not be checked (and why, in {@code message}); a rule that
 *                 could not be checked is never a pass: whether it fails the gate is the policy's
 *                 {@code on_unchecked}
 * @param observed the run's value, NaN when not checked
 * @param limit    the rule's limit
 * @param message  one sentence for people
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RuleCheck(String rule, Status status, double observed, double limit, String message) {
    public enum Status {
        PASSED,
        FAILED,
        /**
         * The rule needs something the run does not have: a baseline, scores from a trusted judge, cases in its
         * scope. Read as {@code SKIPPED} from files written before the name changed.
         */
        @JsonAlias("SKIPPED")
        NOT_CHECKED
    }

    public RuleCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }
}
