package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Objects;

import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;

/**
 * Which run sits on one side of a comparison: enough to label it in a report and to tell whether two runs
 * evaluated the same bundle on the same corpora.
 *
 * @param directory   the run directory, or empty when the run was built in memory
 * @param bundle      the bundle label, {@code id@version}
 * @param reliability pass@k, pass^k and flip rate over all of this run's cases
 */
public record ComparedRun(String runId, String directory, String bundle, String bundleDigest, String model,
                          List<CorpusRef> corpora, int results, Reliability reliability) {
    public ComparedRun {
        Objects.requireNonNull(runId, "runId");
        directory = directory == null ? "" : directory;
        bundle = bundle == null ? "" : bundle;
        bundleDigest = bundleDigest == null ? "" : bundleDigest;
        model = model == null ? "" : model;
        corpora = List.copyOf(Objects.requireNonNullElse(corpora, List.of()));
        Objects.requireNonNull(reliability, "reliability");
    }

    static ComparedRun of(RunResult run, Reliability reliability) {
        var spec = run.spec();
        return new ComparedRun(spec.runId(), run.directory() == null ? "" : run.directory().toString(),
                spec.bundle() == null ? "" : spec.bundle().label(), spec.bundleDigest(),
                spec.bundle() == null ? "" : spec.bundle().model(), spec.corpora(), run.results().size(),
                reliability);
    }
}
