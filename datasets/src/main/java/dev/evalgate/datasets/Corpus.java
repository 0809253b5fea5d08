package dev.evalgate.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** A loaded, verified corpus: its manifest, where it was read from, and its cases in file order. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Corpus(CorpusManifest manifest, Path directory, List<EvalCase> cases) {

    public Corpus {
        Objects.requireNonNull(manifest, "manifest");
        // Cases read from their file on demand are already immutable; copying them would hold the whole corpus.
        cases = cases instanceof StoredCases ? cases : List.copyOf(cases);
    }

    public String name() {
        return manifest.name();
    }

    public String version() {
        return manifest.version();
    }

    public String sha256() {
        return manifest.casesSha256();
    }
}
