package dev.evalgate.engine.compare;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How one case changed between the baseline and the candidate run. A case's verdict in a run is "pass" when every
 * repeat passed and "fail" when every repeat failed; mixed repeats make it {@link #FLAKY}.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum DiffStatus {
    /** Passed in the baseline, fails in the candidate. */
    REGRESSED,
    /** Failed in the baseline, passes in the candidate. */
    FIXED,
    /** Passed in both runs. */
    UNCHANGED_PASS,
    /** Failed in both runs. */
    UNCHANGED_FAIL,
    /**
     * The repeats of the case disagree in at least one of the two runs. Reported apart and never counted as a
     * regression by itself: a verdict that changes between repeats says nothing about which bundle is better.
     */
    FLAKY,
    /** Only the candidate evaluated the case (the corpus gained it). */
    NEW,
    /** Only the baseline evaluated the case (the corpus lost it). */
    REMOVED
}
