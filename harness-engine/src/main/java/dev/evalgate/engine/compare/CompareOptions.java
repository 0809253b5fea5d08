package dev.evalgate.engine.compare;

/**
 * How to compare two runs.
 *
 * @param seed              seeds the bootstrap, so the same runs always give the same intervals
 * @param resamples         bootstrap resamples per interval; 0 skips intervals
 * @param confidence        coverage of the intervals, such as 0.95
 * @param allowCorpusChange compare runs of different corpus versions on their shared case ids instead of refusing
 */
public record CompareOptions(long seed, int resamples, double confidence, boolean allowCorpusChange) {
    public static final long DEFAULT_SEED = 20_240_601L;
    /**
     * Enough that a 95% interval's ends move with the seed by about 2% of the standard error of the difference
     * (one Monte Carlo standard error is 2.67 sigma / sqrt(R)), so a seed rarely moves an end across 0 where the
     * paired test is clearly on one side; discrete scores resample in constant time per resample, so this costs
     * milliseconds.
     */
    public static final int DEFAULT_RESAMPLES = 20_000;
    public static final CompareOptions DEFAULT = new CompareOptions(DEFAULT_SEED, DEFAULT_RESAMPLES, 0.95, false);

    public CompareOptions {
        if (resamples < 0 || resamples > 1_000_000) {
            throw new IllegalArgumentException("resamples must be between 0 and 1000000, was " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }

    public CompareOptions withAllowCorpusChange(boolean allow) {
        return new CompareOptions(seed, resamples, confidence, allow);
    }
}
