package dev.evalgate.datasets.lineage;

import java.util.Objects;

/**
 * One version of a corpus, identified as a baseline identifies it: name, version and the sha256 of its cases file.
 *
 * @param sha256 null only in the last step of a lineage that has not been written yet (the writer pins it)
 */
public record CorpusRef(String name, String version, String sha256) {
    public CorpusRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** "name version (sha256 abcdef012345)" for people. */
    public String describe() {
        return name + " " + version + (sha256 == null ? "" : " (sha256 " + sha256.substring(0, Math.min(12,
                sha256.length())) + ")");
    }
}
