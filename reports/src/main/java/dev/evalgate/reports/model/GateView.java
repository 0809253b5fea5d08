package dev.evalgate.reports.model;

import java.util.List;

/**
 * The verdict the report leads with.
 *
 * @param state      {@code pass}, {@code fail}, or {@code none} when no gate was evaluated
 * @param headline   one sentence for people
 * @param violations the rules that failed, each saying which numbers and which cases
 */
public record GateView(String state, String headline, List<ViolationView> violations) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String NONE = "none";

    public GateView {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return PASS.equals(state);
    }

    public boolean failed() {
        return FAIL.equals(state);
    }

    /** A violated gate rule: its name, what was measured against what, and the cases that broke it. */
    public record ViolationView(String rule, String message, List<String> cases) {
        public ViolationView {
            cases = List.copyOf(cases);
        }
    }
}
