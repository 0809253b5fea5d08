package dev.evalgate.reports.model;

import java.util.List;

/** How many cases fall under each filter of the case list. */
public record CaseCounts(int cases, int results, int passed, int failed, int errored, int flaky, int regressed,
                         int fixed, int added, int removed, int adversarial,
                         int adversarialNotPassed) {

    public static CaseCounts of(List<CaseView> cases, int results, int removed) {
        int passed = 0;
        int failed = 0;
        int errored = 0;
        int flaky = 0;
        int regressed = 0;
        int fixed = 0;
        int added = 0;
        int adversarial = 0;
        int adversarialNotPassed = 0;
        for (CaseView c : cases) {
            switch (CaseStatus.valueOf(c.st().toUpperCase(java.util.Locale.ROOT))) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errored++;
                case FLAKY -> flaky++;
            }
            switch (CaseChange.valueOf(c.ch().toUpperCase(java.util.Locale.ROOT))) {
                case REGRESSED -> regressed++;
                case FIXED -> fixed++;
                case NEW -> added++;
                default -> {
                }
            }
            if (c.adv()) {
                adversarial++;
                if (!CaseStatus.PASS.label().equals(c.st())) {
                    adversarialNotPassed++;
                }
            }
        }
        return new CaseCounts(cases.size(), results, passed, failed, errored, flaky, regressed, fixed, added, removed,
                adversarial, adversarialNotPassed);
    }
}
