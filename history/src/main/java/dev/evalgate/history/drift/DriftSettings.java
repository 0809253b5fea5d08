package dev.evalgate.history.drift;

/**
 * How sensitive drift detection is.
 *
 * @param level  significance level of every test; with no drift, each test alarms at most this often
 * @param window how many of the latest runs the trend test looks at
 */
public record DriftSettings(double level, int window) {
    public static final DriftSettings DEFAULT = new DriftSettings(0.05, 10);

    public DriftSettings {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        if (window < 3) {
            throw new IllegalArgumentException("window must be at least 3 runs, was " + window);
        }
    }
}
