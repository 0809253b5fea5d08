package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.Locale;

import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.gate.Gate;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.RuleCheck;
import dev.evalgate.engine.gate.Violation;

/** Prints a gate verdict for a CI log: the decision first, then every rule with its numbers and cases. */
final class GateVerdictPrinter {
    private GateVerdictPrinter() {
    }

    static void print(GateVerdict verdict, Comparison comparison, String baselineLabel, PrintWriter out) {
        if (comparison != null) {
            ComparedRunsPrinter.print(comparison, out);
            out.printf(Locale.ROOT, "changes against baseline %s: %d regressed, %d fixed, %d flaky, %d unchanged "
                            + "(%d pass, %d fail), %d new, %d removed%n", baselineLabel,
                    comparison.count(DiffStatus.REGRESSED), comparison.count(DiffStatus.FIXED),
                    comparison.count(DiffStatus.FLAKY), comparison.count(DiffStatus.UNCHANGED_PASS)
                            + comparison.count(DiffStatus.UNCHANGED_FAIL), comparison.count(DiffStatus.UNCHANGED_PASS),
                    comparison.count(DiffStatus.UNCHANGED_FAIL), comparison.count(DiffStatus.NEW),
                    comparison.count(DiffStatus.REMOVED));
            comparison.notes().forEach(note -> out.println("  note: " + note));
        }
        long failed = verdict.violations().size();
        long unchecked = verdict.checks().stream().filter(c -> c.status() == RuleCheck.Status.NOT_CHECKED).count();
        String notChecked = unchecked == 0 ? "" : ", " + unchecked + " not checked";
        out.println(verdict.passed() ? "gate: PASSED (" + verdict.checks().size() + " rules" + notChecked + ")"
                : "gate: FAILED (" + failed + " of " + verdict.checks().size() + " rules broken" + notChecked + ")");
        for (RuleCheck check : verdict.checks()) {
            String mark = switch (check.status()) {
                case PASSED -> "ok  ";
                case FAILED -> "FAIL";
                case NOT_CHECKED -> verdict.violations().stream().anyMatch(v -> v.rule().equals(check.rule()))
                        ? "FAIL" : "----";
            };
            out.println("  " + mark + " " + check.rule() + ": " + check.message());
            if (check.status() == RuleCheck.Status.NOT_CHECKED) {
                verdict.violations().stream().filter(v -> v.rule().equals(check.rule())).findFirst()
                        .ifPresent(v -> out.println("       " + v.message()));
            } else if (check.status() == RuleCheck.Status.FAILED) {
                verdict.violations().stream().filter(v -> v.rule().equals(check.rule())).findFirst()
                        .ifPresent(v -> printViolation(v, out));
            }
        }
        verdict.notes().forEach(note -> out.println("  note: " + note
                + (note.startsWith(Gate.NO_BASELINE_NOTE) ? "; use --baseline NAME" : "")));
        out.flush();
    }

    private static void printViolation(Violation v, PrintWriter out) {
        out.printf(Locale.ROOT, "       observed %s, limit %s%n", number(v.observed()), number(v.limit()));
        if (!v.caseIds().isEmpty()) {
            int more = v.offendingCases() - v.caseIds().size();
            out.println("       cases: " + String.join(", ", v.caseIds()) + (more > 0 ? " (and " + more + " more)"
                    : ""));
        }
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
