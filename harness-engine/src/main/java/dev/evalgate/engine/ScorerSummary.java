package dev.evalgate.engine;

/** How one scorer did over a run: results scored, passes, undecided verdicts and the mean value. */
public record ScorerSummary(String name, int scored, int passed, int undecided, double mean) {
    public double passRate() {
        return scored == 0 ? Double.NaN : (double) passed / scored;
    }
}
