package dev.evalgate.datasets.importers;

import java.nio.file.Path;

/**
 * Turns one public dataset, as published upstream, into evalgate cases. Ids are derived from the source (a key, a
 * row number plus a hash of the row's text) so that importing the same file again yields the same ids, and a
 * baseline keyed by those ids stays comparable.
 */
public interface CorpusImporter {

    /**
     * Reads {@code source} and builds cases. A malformed row is reported in {@link ImportedCases#problems()} with
     * its file and line and skipped; a source that cannot be read at all throws
     * {@link dev.evalgate.datasets.InvalidInputException}.
     */
    ImportedCases read(Path source, ImportSettings settings);
}
