package dev.evalgate.engine.compare;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long the comparison's bootstrap takes at the sizes evalgate compares (up to 100,000 cases), for pass/fail
 * verdicts, 1-5 ratings and continuous scores, at the default resample count. A benchmark, not a unit test: it
 * prints its figures and asserts nothing about time. Run it with
 * <pre>
 * mvn -B -q -pl harness-engine -am test -Dtest=BootstrapBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Devalgate.benchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "evalgate.benchmark", matches = "true")
class BootstrapBenchmark {
    @Test
    void bootstrapAtUpToOneHundredThousandCases() {
        int resamples = CompareOptions.DEFAULT_RESAMPLES;
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            Random random = new Random(n);
            double[][] passFail = new double[2][n];
            double[][] ratings = new double[2][n];
            double[][] continuous = new double[2][n];
            for (int i = 0; i < n; i++) {
                passFail[0][i] = random.nextDouble() < 0.8 ? 1 : 0;
                passFail[1][i] = random.nextDouble() < 0.9 ? passFail[0][i] : 1 - passFail[0][i];
                ratings[0][i] = random.nextInt(5) / 4.0;
                ratings[1][i] = random.nextInt(5) / 4.0;
                continuous[0][i] = random.nextDouble();
                continuous[1][i] = random.nextDouble();
            }
            for (String kind : new String[] {"pass/fail", "1-5 ratings", "continuous"}) {
                double[][] data = kind.equals("pass/fail") ? passFail : kind.equals("1-5 ratings") ? ratings
                        : continuous;
                Bootstrap.paired(data[0], data[1], resamples, 0.95, 1); // warm-up
                long best = Long.MAX_VALUE;
                Estimate delta = null;
                for (int rep = 0; rep < 3; rep++) {
                    long start = System.nanoTime();
                    delta = Bootstrap.paired(data[0], data[1], resamples, 0.95, rep).delta();
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf(Locale.ROOT, "%,8d cases %-12s %,7d resamples  %8.1f ms  interval [%+.4f, %+.4f] "
                        + "Monte Carlo error +-%.5f%n", n, kind, delta.resamples(), best / 1e6, delta.lower(),
                        delta.upper(), delta.monteCarloError());
            }
        }
    }

    /**
     * The reported 500-case comparison (60 fixed, 85 broken, 355 unchanged; McNemar p = 0.046): over 200 seeds (40 at 200,000),
     * how often the 95% interval of the difference reaches 0 and how far its upper end moves, at 2,000, 20,000 and
     * 200,000 resamples, beside the Monte Carlo error the interval reports.
     */
    @Test
    void resampleCountOnTheFiveHundredCaseExample() {
        double[] before = new double[500];
        double[] after = new double[500];
        for (int i = 0; i < 500; i++) {
            before[i] = i < 60 ? 0 : i < 145 ? 1 : i % 3 == 0 ? 0 : 1;
            after[i] = i < 60 ? 1 : i < 145 ? 0 : before[i];
        }
        for (int resamples : new int[] {2_000, 20_000, 200_000}) {
            int seeds = resamples > 20_000 ? 40 : 200;
            int touching = 0;
            double sum = 0;
            double sumSquares = 0;
            double reported = 0;
            double lowest = Double.MAX_VALUE;
            double highest = -Double.MAX_VALUE;
            for (int seed = 0; seed < seeds; seed++) {
                Estimate delta = Bootstrap.paired(before, after, resamples, 0.95, seed).delta();
                touching += delta.upper() >= 0 ? 1 : 0;
                sum += delta.upper();
                sumSquares += delta.upper() * delta.upper();
                reported += delta.upperError() / seeds;
                lowest = Math.min(lowest, delta.upper());
                highest = Math.max(highest, delta.upper());
            }
            double mean = sum / seeds;
            double sd = Math.sqrt(Math.max(0, sumSquares / seeds - mean * mean));
            System.out.printf(Locale.ROOT, "500-case example, %,7d resamples, %d seeds: upper end %.4f +- %.5f "
                    + "(sd over seeds; range [%.4f, %.4f]), reported Monte Carlo error %.5f, interval reaches 0 in "
                    + "%d of %d%n", resamples, seeds, mean, sd, lowest, highest, reported, touching, seeds);
        }
    }
}
