package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Objects;

import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;

/**
 * Which run sits on one side of a comparison: enough to label it in a report and to tell whether two runs
 * evaluated the same bundle, with the same model, on the same part of the same corpora.
 *
 * @param directory        the run directory, or empty when the run was built in memory
 * @param bundle           the bundle label, {@code id@version}
 * @param model            the model that served the run, {@code backend:model} (a {@code --model} file shows as
 *                         its path, not as the bundle's catalog name)
 * @param modelFingerprint content identity of the model's weights, empty when the backend gave none
 * @param tier             the tier the run was limited to, empty for every case
 * @param shard            the shard the run was limited to ({@code 2/4}), empty for the whole selection
 * @param repeats          runs of every case
 * @param reliability      pass@k, pass^k and flip rate over all of this run's cases
 */
public record ComparedRun(String runId, String directory, String bundle, String bundleDigest, String model,
                          List<CorpusRef> corpora, int results, Reliability reliability, String modelFingerprint,
                          String tier, String shard, int repeats) {
    public ComparedRun {
        Objects.requireNonNull(runId, "runId");
        directory = directory == null ? "" : directory;
        bundle = bundle == null ? "" : bundle;
        bundleDigest = bundleDigest == null ? "" : bundleDigest;
        model = model == null ? "" : model;
        corpora = List.copyOf(Objects.requireNonNullElse(corpora, List.of()));
        Objects.requireNonNull(reliability, "reliability");
        modelFingerprint = modelFingerprint == null ? "" : modelFingerprint;
        tier = tier == null ? "" : tier;
        shard = shard == null ? "" : shard;
    }

    /** A side of a comparison stored before runs recorded their model fingerprint, tier, shard and repeats. */
    public ComparedRun(String runId, String directory, String bundle, String bundleDigest, String model,
                       List<CorpusRef> corpora, int results, Reliability reliability) {
        this(runId, directory, bundle, bundleDigest, model, corpora, results, reliability, "", "", "", 0);
    }

    static ComparedRun of(RunResult run, Reliability reliability) {
        var spec = run.spec();
        String model = spec.model() != null ? spec.model().backend() + ":" + spec.model().model()
                : spec.bundle() == null ? "" : spec.bundle().model();
        return new ComparedRun(spec.runId(), run.directory() == null ? "" : run.directory().toString(),
                spec.bundle() == null ? "" : spec.bundle().label(), spec.bundleDigest(), model, spec.corpora(),
                run.results().size(), reliability, spec.model() == null ? "" : spec.model().fingerprint(),
                spec.selection().tier(), spec.selection().shard() == null ? "" : spec.selection().shard().toString(),
                spec.repeats());
    }

    /** The tier in words: a run of every case and one of the conventional {@code full} tier are the same part. */
    public String tierLabel() {
        return tier.isEmpty() || tier.equals("full") ? "full" : tier;
    }
}
