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
}
