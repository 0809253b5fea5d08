package dev.evalgate.datasets.importers;

import java.nio.file.Path;

/**
 * Reads one source file row by row and sends each row's case, or the reason it cannot be mapped, to a
 * {@link RowSink}, so a large source is never held in memory. Ids must be derived from the row (a key, or a hash
 * of its content), never from its position, so adding rows moves no existing id.
 */
interface RecordReader {
    /**
     * @param mapping the user's field mapping (only the generic formats use it; null otherwise)
     * @param idPrefix prefix for ids derived from content
     */
    void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink);
}
