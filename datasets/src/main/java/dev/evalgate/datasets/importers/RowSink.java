package dev.evalgate.datasets.importers;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Where a record importer sends what it made of each source row, as it reads: a case, a row it could not use
 * (with file and line), or a note about something it left out or mapped approximately.
 */
public interface RowSink {
    /** A case built from the row that starts on {@code line}. */
    void accept(int line, EvalCase evalCase);

    /** A row that cannot be mapped; the message names file, line and field. */
    void problem(InvalidInputException problem);

    /** Something the user should know that is not a bad row (an assertion with no equivalent, spans left out). */
    void note(String note);
}
