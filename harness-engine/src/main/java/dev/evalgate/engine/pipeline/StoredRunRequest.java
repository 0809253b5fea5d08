package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.Wording;
import dev.evalgate.engine.gate.MetricHistory;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What {@link Pipeline#judge} needs to compare and gate a run that is already stored, without calling a model.
 *
 * @param run               the stored candidate run
 * @param suite             the suite whose gate applies; null to compare only (no verdict)
 * @param baseline          what the run is compared with
 * @param allowCorpusChange compare with a baseline of another corpus version, on the case ids both share
 * @param history           where drift rules read the suite's earlier runs
 * @param files             where the comparison and the verdict are written beside the run
 * @param reportsDirectory  where the reports go; empty for the place {@code files} names in the run directory
 * @param wording           how the front end names settings in the advice the verdict gives
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record StoredRunRequest(RunResult run, Suite suite, BaselineChoice baseline, boolean allowCorpusChange,
                               MetricHistory history, VerdictFiles files, Optional<Path> reportsDirectory,
                               Wording wording) {
    public StoredRunRequest {
        wording = Objects.requireNonNullElse(wording, Wording.ENGINE);
        Objects.requireNonNull(run, "run");
        baseline = Objects.requireNonNullElse(baseline, BaselineChoice.NONE);
        history = Objects.requireNonNullElse(history, MetricHistory.NONE);
        files = Objects.requireNonNullElse(files, VerdictFiles.NONE);
        reportsDirectory = Objects.requireNonNullElse(reportsDirectory, Optional.empty());
    }

    /** A request whose advice is in the engine's own words. */
    public StoredRunRequest(RunResult run, Suite suite, BaselineChoice baseline, boolean allowCorpusChange,
                            MetricHistory history, VerdictFiles files, Optional<Path> reportsDirectory) {
        this(run, suite, baseline, allowCorpusChange, history, files, reportsDirectory, Wording.ENGINE);
    }

    /** The same request, its advice worded for a front end. */
    public StoredRunRequest withWording(Wording frontEndWording) {
        return new StoredRunRequest(run, suite, baseline, allowCorpusChange, history, files, reportsDirectory,
                frontEndWording);
    }

    /**
     * Gating a stored run again against {@code baseline}: the verdict goes to {@code gate-BASELINE.json} and its
     * reports to {@code gate-BASELINE/}, so the run's own verdict stays as it was.
     */
    public static StoredRunRequest regate(RunResult run, Suite suite, BaselineChoice baseline,
                                          boolean allowCorpusChange, MetricHistory history) {
        return new StoredRunRequest(run, suite, baseline, allowCorpusChange, history,
                VerdictFiles.labelled(baseline.label()), Optional.empty());
    }
}
