package dev.evalgate.engine.gate;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A rule the candidate broke: which rule, what was observed, what the limit was, and which cases did it.
 *
 * @param rule           the rule's name, such as {@code max_regression[pass]}
 * @param message        one sentence for people with the numbers, such as "pass rate dropped from 0.92 to 0.85
 *                       (-0.07, McNemar p=0.003 < 0.05)"
 * @param observed       the value the run had
 * @param limit          the value the rule allows
 * @param caseIds        up to the policy's {@code list_cases} offending case keys, worst first where that is defined
 * @param offendingCases how many cases offended in all ({@code caseIds} may list fewer)
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Violation(String rule, String message, double observed, double limit, List<String> caseIds,
                        int offendingCases) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        caseIds = List.copyOf(Objects.requireNonNullElse(caseIds, List.of()));
        if (offendingCases < caseIds.size()) {
            throw new IllegalArgumentException("offendingCases (" + offendingCases + ") is less than the "
                    + caseIds.size() + " case ids listed");
        }
    }
}
