package dev.evalgate.datasets.importers;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public datasets in the shared directory, located through the system property the build sets. */
final class SharedCorpora {
    private SharedCorpora() {
    }

    static Path dir() {
        String shared = System.getProperty("evalgate.shared.dir");
        if (shared == null || shared.isBlank()) {
            throw new IllegalStateException("system property evalgate.shared.dir is not set; run the tests through"
                    + " Maven (the root pom sets it) or pass -Devalgate.shared.dir=/path/to/shared");
        }
        Path corpora = Path.of(shared, "corpora");
        if (!Files.isDirectory(corpora)) {
            throw new IllegalStateException("no corpora directory at " + corpora + " (evalgate.shared.dir="
                    + shared + "); the importer tests read the public datasets from there");
        }
        return corpora;
    }

    static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("missing shared dataset " + file);
        }
        return file;
    }
}
