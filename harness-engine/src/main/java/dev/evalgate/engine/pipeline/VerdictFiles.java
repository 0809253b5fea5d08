package dev.evalgate.engine.pipeline;

import java.nio.file.Path;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Where a verdict and its comparison are written in the run directory. A run's own files keep the verdict the run
 * was given when it ran; gating it again against a baseline writes files named after that baseline beside them.
 *
 * @param comparisonFile the comparison's file name, or null to write none
 * @param gateFile       the verdict's file name, or null to write none
 * @param reportsSubdirectory where in the run directory this verdict's reports go: empty for the run directory
 *                       itself
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record VerdictFiles(String comparisonFile, String gateFile, String reportsSubdirectory) {
    public static final String COMPARISON_FILE = "comparison.json";
    public static final String GATE_FILE = "gate.json";

    /** {@code comparison.json} and {@code gate.json}, reports in the run directory: what a run writes. */
    public static final VerdictFiles OWN = new VerdictFiles(COMPARISON_FILE, GATE_FILE, "");

    /** Nothing is written beside the run (the reports may still be written elsewhere). */
    public static final VerdictFiles NONE = new VerdictFiles(null, null, "");

    public VerdictFiles {
        reportsSubdirectory = reportsSubdirectory == null ? "" : reportsSubdirectory;
    }

    /**
     * {@code gate-LABEL.json} and {@code comparison-LABEL.json}, reports in {@code gate-LABEL/}: a stored run gated
     * again against the baseline called {@code baselineLabel}.
     */
    public static VerdictFiles labelled(String baselineLabel) {
        String label = fileLabel(baselineLabel);
        return new VerdictFiles("comparison-" + label + ".json", "gate-" + label + ".json", "gate-" + label);
    }

    /** A baseline name or directory as a file name part: {@code main}, {@code baselines_release-1.2}. */
    public static String fileLabel(String baselineLabel) {
        if (baselineLabel == null) {
            return "no-baseline";
        }
        String label = baselineLabel.replaceAll("[/\\\\]+$", "").replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._]+", "");
        return label.isEmpty() ? "baseline" : label;
    }

    /** Where the reports of this verdict go for a run in {@code runDirectory}. */
    public Path reportsDirectory(Path runDirectory) {
        return reportsSubdirectory.isEmpty() ? runDirectory : runDirectory.resolve(reportsSubdirectory);
    }
}
