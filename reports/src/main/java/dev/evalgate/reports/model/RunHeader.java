package dev.evalgate.reports.model;

import java.util.List;

/**
 * What was evaluated, for the top of every report: enough to tell two runs apart and reproduce either.
 *
 * @param corpora          one {@code name@version (sha256 prefix, N cases)} a corpus
 * @param baselineRunId    empty without a baseline
 * @param sameBundle       the baseline evaluated the very same bundle (equal digests)
 */
public record RunHeader(String runId, String suite, String startedAt, String generatedAt, String engineVersion,
                        String bundle, String bundleDigest, String backend, String model, String modelFingerprint,
                        List<String> corpora, int repeats, String host, boolean hasBaseline, String baselineRunId,
                        String baselineBundle, String baselineBundleDigest, String baselineModel,
                        List<String> baselineCorpora, boolean sameBundle) {
    public RunHeader {
        corpora = List.copyOf(corpora);
        baselineCorpora = List.copyOf(baselineCorpora);
    }
}
