package dev.evalgate.datasets;

import java.util.List;
import java.util.Objects;

/**
 * The {@code manifest.yaml} of a corpus directory: what the corpus is, where it came from, and the sha256 of the
 * cases file it vouches for.
 */
public record CorpusManifest(String name, String version, String description, String license, String source,
                             String casesFile, String casesSha256, List<String> tags) {

    public static final String DEFAULT_CASES_FILE = "cases.jsonl";

    public CorpusManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(casesSha256, "casesSha256");
        casesFile = casesFile == null ? DEFAULT_CASES_FILE : casesFile;
        description = description == null ? "" : description;
        license = license == null ? "" : license;
        source = source == null ? "" : source;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
