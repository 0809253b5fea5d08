package dev.evalgate.datasets;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.datasets.lineage.CorpusRef;
import dev.evalgate.datasets.lineage.Lineage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The {@code manifest.yaml} of a corpus directory: what the corpus is, where it came from, the sha256 of the
 * cases file it vouches for, and its lineage (the operations and parent corpora that produced it).
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record CorpusManifest(String name, String version, String description, String license, String source,
                             String casesFile, String casesSha256, List<String> tags, Lineage lineage) {

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
        lineage = lineage == null ? Lineage.NONE : lineage;
    }

    /** A manifest without recorded lineage. */
    public CorpusManifest(String name, String version, String description, String license, String source,
                          String casesFile, String casesSha256, List<String> tags) {
        this(name, version, description, license, source, casesFile, casesSha256, tags, Lineage.NONE);
    }

    /** This version's identity: name, version, sha256 of the cases. */
    public CorpusRef ref() {
        return new CorpusRef(name, version, casesSha256);
    }

    public CorpusManifest withLineage(Lineage newLineage) {
        return new CorpusManifest(name, version, description, license, source, casesFile, casesSha256, tags,
                newLineage);
    }

    public CorpusManifest withSha256(String sha256) {
        return new CorpusManifest(name, version, description, license, source, casesFile, sha256, tags, lineage);
    }
}
