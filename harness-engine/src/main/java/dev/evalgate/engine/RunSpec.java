package dev.evalgate.engine;

import java.util.List;

import org.apiguardian.api.API;
import dev.evalgate.engine.cost.RunPricing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Everything needed to reproduce or re-score a run, written to {@code run.json} before the first case runs.
 *
 * @param suiteFile the suite file the run was started from, so {@code --resume} can find it again
 * @param seeds     the seed of each repeat: repeat {@code r} uses {@code bundle.params.seed + r}
 * @param selection the tier and shard the run was limited to
 * @param pricing   the prices of the run's models from the bundle's and the suite's price tables; unknown in runs
 *                  made before prices were recorded
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RunSpec(String runId, String suite, String suiteFile, String startedAt, String engineVersion, Bundle bundle,
                      String bundleDigest, ModelInfo model, List<CorpusRef> corpora, List<ScorerSpec> scorers,
                      int repeats, List<Long> seeds, int concurrency, long timeoutMs, String host, String java,
                      String os, RunSelection selection, RunPricing pricing) {
    public RunSpec {
        corpora = List.copyOf(corpora);
        scorers = List.copyOf(scorers);
        seeds = List.copyOf(seeds);
        selection = selection == null ? RunSelection.NONE : selection;
        pricing = pricing == null ? RunPricing.UNKNOWN : pricing;
    }

    /** A run without recorded prices. */
    public RunSpec(String runId, String suite, String suiteFile, String startedAt, String engineVersion, Bundle bundle,
                   String bundleDigest, ModelInfo model, List<CorpusRef> corpora, List<ScorerSpec> scorers,
                   int repeats, List<Long> seeds, int concurrency, long timeoutMs, String host, String java,
                   String os, RunSelection selection) {
        this(runId, suite, suiteFile, startedAt, engineVersion, bundle, bundleDigest, model, corpora, scorers, repeats,
                seeds, concurrency, timeoutMs, host, java, os, selection, RunPricing.UNKNOWN);
    }

    /** A run of every case of its suite. */
    public RunSpec(String runId, String suite, String suiteFile, String startedAt, String engineVersion, Bundle bundle,
                   String bundleDigest, ModelInfo model, List<CorpusRef> corpora, List<ScorerSpec> scorers,
                   int repeats, List<Long> seeds, int concurrency, long timeoutMs, String host, String java,
                   String os) {
        this(runId, suite, suiteFile, startedAt, engineVersion, bundle, bundleDigest, model, corpora, scorers, repeats,
                seeds, concurrency, timeoutMs, host, java, os, RunSelection.NONE);
    }
}
