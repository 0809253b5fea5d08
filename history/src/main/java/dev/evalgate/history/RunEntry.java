package dev.evalgate.history;

/**
 * One recorded run as lists and timelines show it.
 *
 * @param gatePassed null when no gate verdict was recorded (an imported run)
 */
public record RunEntry(String runId, String suite, String startedAt, String status, String bundleId,
                       String bundleVersion, String bundleDigest, String modelBackend, String modelName,
                       String modelFingerprint, String corpusVersions, String tier, String shard, String gitCommit,
                       String gitBranch, int results, int passed, int errored, Boolean gatePassed, String directory) {
    public double passRate() {
        return results == 0 ? Double.NaN : (double) passed / results;
    }

    public String bundle() {
        return bundleId + (bundleVersion == null || bundleVersion.isEmpty() ? "" : "@" + bundleVersion);
    }
}
