package dev.evalgate.engine.gate;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.engine.ExitCode;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The gate's decision on a candidate run.
 *
 * @param passed     true when no rule was violated
 * @param violations the rules broken, in policy order
 * @param checks     every rule of the policy with its outcome, in policy order
 * @param notes      what limited the decision, for people: scores of untrusted judges left out, rules skipped
 *                   for want of a baseline, a corpus change
 */
@API(status = STABLE, since = "0.1.0")
public record GateVerdict(boolean passed, List<Violation> violations, List<RuleCheck> checks, List<String> notes) {
    public GateVerdict {
        violations = List.copyOf(Objects.requireNonNullElse(violations, List.of()));
        checks = List.copyOf(Objects.requireNonNullElse(checks, List.of()));
        notes = List.copyOf(Objects.requireNonNullElse(notes, List.of()));
        if (passed != violations.isEmpty()) {
            throw new IllegalArgumentException("passed must be true exactly when there are no violations");
        }
    }

    public static GateVerdict of(List<Violation> violations, List<RuleCheck> checks, List<String> notes) {
        return new GateVerdict(violations.isEmpty(), violations, checks, notes);
    }

    /** {@link ExitCode#PASS} or {@link ExitCode#GATE_FAILED}. */
    public ExitCode exitCode() {
        return passed ? ExitCode.PASS : ExitCode.GATE_FAILED;
    }
}
