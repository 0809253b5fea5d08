package dev.evalgate.engine.compare;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;

/**
 * Which scores count. An LLM judge that failed its calibration marks its scores {@code details.untrusted = true};
 * they are reported but never decide a verdict.
 */
public final class TrustedScores {
    public static final String UNTRUSTED = "untrusted";

    private TrustedScores() {
    }

    public static boolean untrusted(Score score) {
        return Boolean.TRUE.equals(score.details().get(UNTRUSTED));
    }

    /** Evaluated, and every trusted scorer passed. */
    public static boolean passed(CaseResult result) {
        return !result.errored() && result.scores().stream().allMatch(s -> untrusted(s) || s.passed());
    }
}
