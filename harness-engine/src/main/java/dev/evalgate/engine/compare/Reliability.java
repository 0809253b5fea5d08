package dev.evalgate.engine.compare;

import java.util.Collection;

/**
 * How dependable a run is across repeats, so a team can gate on reliability rather than on luck.
 *
 * @param cases      distinct cases
 * @param repeats    the most repeats any case has (k)
 * @param passAtK    share of cases where at least one repeat passed (pass@k)
 * @param passAllK   share of cases where every repeat passed (pass^k)
 * @param flipRate   mean over cases of {@link CaseOutcome#flipRate()}: the chance two repeats of a case disagree
 * @param flakyCases cases whose repeats disagree
 */
public record Reliability(int cases, int repeats, double passAtK, double passAllK, double flipRate, int flakyCases) {
    public static Reliability of(Collection<CaseOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return new Reliability(0, 0, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int k = 0;
        int atK = 0;
        int allK = 0;
        int flaky = 0;
        double flips = 0;
        for (CaseOutcome o : outcomes) {
            k = Math.max(k, o.repeats());
            atK += o.passAtK() ? 1 : 0;
            allK += o.passAllK() ? 1 : 0;
            flaky += o.flaky() ? 1 : 0;
            flips += o.flipRate();
        }
        double n = outcomes.size();
        return new Reliability(outcomes.size(), k, atK / n, allK / n, flips / n, flaky);
    }
}
