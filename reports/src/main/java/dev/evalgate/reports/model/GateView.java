package dev.evalgate.reports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.RuleCheck;
import dev.evalgate.engine.gate.Violation;

/**
 * The verdict the report leads with.
 *
 * @param state      {@code pass}, {@code fail}, or {@code none} when no gate was evaluated
 * @param headline   one sentence for people
 * @param violations the rules that failed, each saying which numbers and which cases
 * @param checks     every rule of the policy with its outcome
 * @param notes      what limited the decision or the comparison
 */
public record GateView(String state, String headline, List<ViolationView> violations, List<CheckView> checks,
                       List<String> notes) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String NONE = "none";

    public GateView {
        violations = List.copyOf(violations);
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return PASS.equals(state);
    }

    public boolean failed() {
        return FAIL.equals(state);
    }

    /**
     * A violated gate rule: its name, what was measured against what, and the cases that broke it.
     *
     * @param more offending cases beyond those listed
     */
    public record ViolationView(String rule, String message, List<String> cases, int more) {
        public ViolationView {
            cases = List.copyOf(cases);
        }
    }

    /** One rule as the gate checked it; {@code status} is passed, failed or not_checked. */
    public record CheckView(String rule, String status, String message) {
    }

    static GateView none(CaseCounts counts, List<String> notes) {
        String headline = String.format(Locale.ROOT, "No gate was evaluated: %d of %d cases passed every repeat.",
                counts.passed(), counts.cases());
        return new GateView(NONE, headline, List.of(), List.of(), notes);
    }

    static GateView of(GateVerdict verdict, List<String> comparisonNotes) {
        List<ViolationView> violations = new ArrayList<>();
        for (Violation v : verdict.violations()) {
            violations.add(new ViolationView(v.rule(), v.message(), v.caseIds(),
                    Math.max(0, v.offendingCases() - v.caseIds().size())));
        }
        List<CheckView> checks = verdict.checks().stream()
                .map(c -> new CheckView(c.rule(), c.status().name().toLowerCase(Locale.ROOT), c.message()))
                .toList();
        long unchecked = verdict.checks().stream().filter(c -> c.status() == RuleCheck.Status.NOT_CHECKED).count();
        long checked = verdict.checks().size() - unchecked;
        String headline;
        if (verdict.passed() && checked == 0 && unchecked > 0) {
            headline = String.format(Locale.ROOT, "No gate rule could be checked: all %d were not checked (see the "
                    + "notes).", unchecked);
        } else if (verdict.passed()) {
            headline = (checked == 1 ? "The 1 checked gate rule passed"
                    : String.format(Locale.ROOT, "All %d checked gate rules passed", checked))
                    + (unchecked > 0 ? String.format(Locale.ROOT, "; %d not checked (see the notes).", unchecked)
                    : ".");
        } else {
            headline = String.format(Locale.ROOT, "%d of %d gate rules failed: %s.", violations.size(),
                    verdict.checks().size(), String.join(", ", violations.stream().map(ViolationView::rule).toList()));
        }
        List<String> notes = new ArrayList<>(verdict.notes());
        comparisonNotes.stream().filter(n -> !notes.contains(n)).forEach(notes::add);
        return new GateView(verdict.passed() ? PASS : FAIL, headline, violations, checks, notes);
    }
}
