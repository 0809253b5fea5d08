package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** How one scorer did over a run: results scored, passes, undecided verdicts and the mean value. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record ScorerSummary(String name, int scored, int passed, int undecided, double mean) {
    public double passRate() {
        return scored == 0 ? Double.NaN : (double) passed / scored;
    }
}
