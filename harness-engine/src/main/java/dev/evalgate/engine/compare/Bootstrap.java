package dev.evalgate.engine.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.commons.math3.special.Gamma;

/**
 * Percentile bootstrap intervals for means, seeded so a report computed twice from the same runs shows the same
 * intervals, with the Monte Carlo error of each interval end.
 *
 * <p>A paired comparison resamples cases once and reads the baseline mean, the candidate mean and their difference
 * from the same resample, so the three intervals are consistent with each other.
 *
 * <p><b>Speed.</b> Scores are mostly discrete (pass/fail, ratings, means of a few repeats), so cases fall into few
 * distinct (baseline, candidate) pairs. Resampling n cases is then the same as drawing how many of each distinct
 * pair the resample holds, a multinomial draw of a handful of binomials, whatever n: 20,000 resamples of 100,000
 * pass/fail cases take a fraction of a second. Continuous scores with many distinct pairs are resampled case by
 * case; there the number of resamples is capped by {@link #MAX_DRAWS} (2,000 resamples at 100,000 cases, never fewer)
 * so a large comparison stays within seconds per metric, and the Monte Carlo error reported with the interval says
 * what that costs in precision. Batches of resamples run in parallel, each with its own generator split off the
 * seed in a fixed order, so the intervals do not depend on the number of threads.
 *
 * <p><b>Monte Carlo error.</b> An interval end is the q-quantile of R resampled means. The number of resampled
 * means below the true (infinite-R) quantile is Binomial(R, q), so the order statistics at ranks
 * {@code R q +- 1.96 sqrt(R q (1 - q))} bracket it with about 95% probability; half their distance is reported as
 * the Monte Carlo error of the end (a 95% margin, about 1.96 standard errors). A 95% margin rather than one standard
 * error because pass/fail differences lie on a lattice of steps 1/n: an end then jumps between neighbouring steps
 * with the seed, and the bracket spans exactly those steps (on the reported 500-case comparison, -0.004 and -0.002,
 * a margin of 0.001, where the seed-to-seed standard deviation is 0.001).
 */
public final class Bootstrap {
    /** Upper bound on resampled case draws per interval set when cases are resampled one by one. */
    public static final long MAX_DRAWS = 200_000_000L;
    /** Never fewer resamples than this, whatever the cap. */
    public static final int MIN_RESAMPLES = 2_000;
    /** Multinomial resampling is used when there are at most this many distinct pairs per case resampled. */
    private static final int DISTINCT_PER_CASE = 8;
    /** Resamples per batch; batches run in parallel. */
    private static final int BATCH = 500;

    private Bootstrap() {
    }

    /** Intervals of the baseline mean, the candidate mean and the mean paired difference (candidate - baseline). */
    public record Paired(Estimate baseline, Estimate candidate, Estimate delta) {
    }

    /**
     * @param resamples how many resamples; 0 skips the intervals (NaN ends), which the gate does not need
     */
    public static Paired paired(double[] baseline, double[] candidate, int resamples, double confidence,
                                long seed) {
        return paired(baseline, candidate, resamples, confidence, seed, false);
    }

    /** @param caseByCase resample case by case even when the multinomial shortcut applies (to test one by the other) */
    static Paired paired(double[] baseline, double[] candidate, int resamples, double confidence, long seed,
                         boolean caseByCase) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("paired samples must have equal length: " + baseline.length + " vs "
                    + candidate.length);
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must not be negative, was " + resamples);
        }
        int n = baseline.length;
        double meanB = mean(baseline);
        double meanC = mean(candidate);
        double sumD = 0;
        for (int i = 0; i < n; i++) {
            sumD += candidate[i] - baseline[i];
        }
        // The mean of the differences, not the difference of the means: exact for pass/fail (-25 / 500 = -0.05).
        double meanD = n == 0 ? Double.NaN : sumD / n;
        if (n < 2 || resamples == 0) {
            return new Paired(new Estimate(meanB, Double.NaN, Double.NaN, n, confidence),
                    new Estimate(meanC, Double.NaN, Double.NaN, n, confidence),
                    new Estimate(meanD, Double.NaN, Double.NaN, n, confidence));
        }
        // Distinct (baseline, candidate) pairs and how many cases hold each.
        Map<Pair, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(new Pair(baseline[i], candidate[i]), 1, Integer::sum);
        }
        int k = counts.size();
        double[] b = new double[k];
        double[] c = new double[k];
        int[] weight = new int[k];
        int j = 0;
        for (Map.Entry<Pair, Integer> e : counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            b[j] = e.getKey().baseline();
            c[j] = e.getKey().candidate();
            weight[j] = e.getValue();
            j++;
        }
        boolean multinomial = !caseByCase && (long) k * DISTINCT_PER_CASE <= n;
        int r = multinomial ? resamples
                : (int) Math.max(Math.min(resamples, MIN_RESAMPLES), Math.min(resamples, MAX_DRAWS / n));
        double[] sumsB = new double[r];
        double[] sumsC = new double[r];
        // Batches of resamples, each with its own generator split off in order before any runs: the result does
        // not depend on how many threads run the batches or in which order.
        int batches = (r + BATCH - 1) / BATCH;
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[batches];
        for (int x = 0; x < batches; x++) {
            randoms[x] = root.split();
        }
        if (multinomial) {
            double[] logFactorial = logFactorials(n);
            IntStream.range(0, batches).parallel().forEach(batch -> {
                SplittableRandom random = randoms[batch];
                int[] drawn = new int[k];
                for (int s = batch * BATCH; s < Math.min(r, (batch + 1) * BATCH); s++) {
                    multinomial(weight, n, random, logFactorial, drawn);
                    double sb = 0;
                    double sc = 0;
                    for (int x = 0; x < k; x++) {
                        sb += drawn[x] * b[x];
                        sc += drawn[x] * c[x];
                    }
                    sumsB[s] = sb;
                    sumsC[s] = sc;
                }
            });
        } else {
            // Both values of a case side by side, so a draw touches one cache line.
            double[] pairs = new double[2 * n];
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = baseline[i];
                pairs[2 * i + 1] = candidate[i];
            }
            IntStream.range(0, batches).parallel().forEach(batch -> {
                SplittableRandom random = randoms[batch];
                for (int s = batch * BATCH; s < Math.min(r, (batch + 1) * BATCH); s++) {
                    double sb = 0;
                    double sc = 0;
                    for (int i = 0; i < n; i++) {
                        int pick = 2 * random.nextInt(n);
                        sb += pairs[pick];
                        sc += pairs[pick + 1];
                    }
                    sumsB[s] = sb;
                    sumsC[s] = sc;
                }
            });
        }
        double[] meansB = new double[r];
        double[] meansC = new double[r];
        double[] meansD = new double[r];
        for (int s = 0; s < r; s++) {
            meansB[s] = sumsB[s] / n;
            meansC[s] = sumsC[s] / n;
            meansD[s] = (sumsC[s] - sumsB[s]) / n;
        }
        return new Paired(interval(meanB, meansB, n, confidence), interval(meanC, meansC, n, confidence),
                interval(meanD, meansD, n, confidence));
    }

    /** Interval of one mean; the same as the baseline part of {@link #paired}. */
    public static Estimate mean(double[] values, int resamples, double confidence, long seed) {
        return paired(values, values, resamples, confidence, seed).baseline();
    }

    private static Estimate interval(double mean, double[] resampled, int n, double confidence) {
        Arrays.sort(resampled);
        double alpha = 1 - confidence;
        int r = resampled.length;
        return new Estimate(mean, quantile(resampled, alpha / 2), quantile(resampled, 1 - alpha / 2), n, confidence,
                quantileError(resampled, alpha / 2), quantileError(resampled, 1 - alpha / 2), r);
    }

    /** Linear interpolation between order statistics (R's quantile type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * 95% Monte Carlo margin of the q-quantile of R resamples from the binomial spread of the count below it: half
     * the distance between the order statistics at ranks {@code R q -+ 1.96 sqrt(R q (1 - q))}.
     */
    static double quantileError(double[] sorted, double q) {
        int r = sorted.length;
        double spread = 1.96 * Math.sqrt(r * q * (1 - q));
        int lo = (int) Math.max(0, Math.floor(r * q - spread));
        int hi = (int) Math.min(r - 1, Math.ceil(r * q + spread));
        return (sorted[hi] - sorted[lo]) / 2;
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    /**
     * How many of n cases drawn with replacement fall in each group, the groups holding {@code weight} cases:
     * a multinomial draw, as a chain of binomials on what is left.
     */
    private static void multinomial(int[] weight, int n, SplittableRandom random, double[] logFactorial,
                                    int[] out) {
        int left = n;
        int weightLeft = n;
        for (int x = 0; x < weight.length; x++) {
            if (x == weight.length - 1 || left == 0) {
                out[x] = left;
                left = 0;
                continue;
            }
            int drawn = binomial(left, (double) weight[x] / weightLeft, random, logFactorial);
            out[x] = drawn;
            left -= drawn;
            weightLeft -= weight[x];
        }
    }

    /**
     * One Binomial(trials, p) draw by inversion, searching outwards from the mode (the most likely counts first),
     * so the expected work is about the standard deviation, not the mean. Exact up to floating-point rounding.
     */
    static int binomial(int trials, double p, SplittableRandom random, double[] logFactorial) {
        if (p <= 0 || trials == 0) {
            return 0;
        }
        if (p >= 1) {
            return trials;
        }
        int mode = (int) Math.min(trials, Math.floor((trials + 1) * p));
        double q = 1 - p;
        double logAtMode = logFactorial[trials] - logFactorial[mode] - logFactorial[trials - mode]
                + mode * Math.log(p) + (trials - mode) * Math.log(q);
        double atMode = Math.exp(logAtMode);
        double u = random.nextDouble() - atMode;
        if (u <= 0) {
            return mode;
        }
        int down = mode;
        int up = mode;
        double pDown = atMode;
        double pUp = atMode;
        double ratio = p / q;
        while (down > 0 || up < trials) {
            if (down > 0) {
                // P(k - 1) = P(k) * k / (trials - k + 1) * q / p
                pDown *= down / ((trials - down + 1) * ratio);
                down--;
                u -= pDown;
                if (u <= 0) {
                    return down;
                }
            }
            if (up < trials) {
                // P(k + 1) = P(k) * (trials - k) / (k + 1) * p / q
                pUp *= (trials - up) * ratio / (up + 1);
                up++;
                u -= pUp;
                if (u <= 0) {
                    return up;
                }
            }
        }
        return mode;
    }

    /** log(k!) for k = 0..n, from the log-gamma function so no rounding accumulates. */
    static double[] logFactorials(int n) {
        double[] table = new double[n + 1];
        for (int k = 2; k <= n; k++) {
            table[k] = Gamma.logGamma(k + 1.0);
        }
        return table;
    }

    /** A distinct (baseline, candidate) value pair; ordered so the grouping does not depend on hashing. */
    private record Pair(double baseline, double candidate) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int first = Double.compare(baseline, o.baseline);
            return first != 0 ? first : Double.compare(candidate, o.candidate);
        }
    }
}
