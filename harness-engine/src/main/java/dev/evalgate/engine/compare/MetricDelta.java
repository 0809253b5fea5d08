package dev.evalgate.engine.compare;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One metric in both runs, over the cases both evaluated (so a smaller tier or a changed corpus never biases the
 * difference), with the paired test that says whether the difference is real or noise.
 *
 * @param metric    {@link #OVERALL_PASS} for the share of cases that pass, otherwise a scorer's name
 * @param kind      pass rate (tested with McNemar) or mean score value (tested with Wilcoxon signed-rank)
 * @param trusted   false when some of the scorer's scores came from a judge that failed its calibration
 *                  ({@code details.untrusted}); the gate does not count an untrusted metric
 * @param baseline  the baseline's mean over the shared cases, with its bootstrap interval
 * @param candidate the candidate's mean over the shared cases, with its bootstrap interval
 * @param delta     candidate minus baseline, with a paired bootstrap interval; positive is better
 * @param test      the paired test on the shared cases
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record MetricDelta(String metric, Kind kind, boolean trusted, Estimate baseline, Estimate candidate,
                          Estimate delta, PairedTest test) {
    /** The metric name of the overall pass rate; no scorer may use it. */
    public static final String OVERALL_PASS = "pass";

    /** What a metric measures, which decides its paired test. */
    public enum Kind {
        /** Share of cases that pass; a case's value is its share of passing repeats. */
        PASS_RATE,
        /** Mean scorer value in [0, 1]; a case's value is its mean over repeats. */
        SCORE
    }

    public MetricDelta {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(test, "test");
    }

    /**
     * The candidate is worse and the paired test says it is not noise at {@code level}: the mean fell and the
     * test's own statistic points to worse ({@link PairedTest#direction()}).
     */
    public boolean significantRegression(double level) {
        return delta.mean() < 0 && test.direction() < 0 && test.significantAt(level);
    }

    /** The candidate is better and the paired test, pointing the same way, says it is not noise at {@code level}. */
    public boolean significantImprovement(double level) {
        return delta.mean() > 0 && test.direction() > 0 && test.significantAt(level);
    }

    /**
     * Whether the delta's bootstrap interval and the paired test tell the same story at the interval's own level
     * (a 95% interval against p &lt; 0.05): both say "no difference", or both say "different" in the same
     * direction. They are different methods (the test looks at discordant cases or ranks, the interval at the mean
     * of the differences; for pass rates over repeats the test uses each case's majority verdict), so near the
     * boundary they can disagree even with unlimited resamples; with few resamples the interval's ends also move
     * with the seed, which {@link Estimate#monteCarloError()} quantifies.
     *
     * @return a sentence naming both when they disagree; empty when they agree or there is no interval
     */
    public Optional<String> intervalDisagreement() {
        if (!delta.hasInterval()) {
            return Optional.empty();
        }
        double level = Math.round((1 - delta.confidence()) * 1e6) / 1e6;
        int intervalSays = delta.lower() > 0 ? 1 : delta.upper() < 0 ? -1 : 0;
        int testSays = test.significantAt(level) ? test.direction() : 0;
        if (intervalSays == testSays) {
            return Optional.empty();
        }
        String p = test.pValue() < 0.0001 ? String.format(Locale.ROOT, "%.1e", test.pValue())
                : String.format(Locale.ROOT, "%.4f", test.pValue());
        return Optional.of(String.format(Locale.ROOT, "%s: the %d%% bootstrap interval of the difference [%+.4f, "
                        + "%+.4f] (Monte Carlo error \u00B1%.4f at 95%%, %,d resamples) %s, but %s p = %s %s; the gate "
                        + "decides on the paired test", metric, Math.round(delta.confidence() * 100), delta.lower(),
                delta.upper(), delta.monteCarloError(), delta.resamples(),
                intervalSays == 0 ? "includes 0" : intervalSays > 0 ? "is above 0" : "is below 0", test.method(), p,
                testSays == 0 ? "is not significant at " + level
                        : (testSays > 0 ? "says better" : "says worse") + " at " + level));
    }
}
