package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A case's {@code expected} data does not have the shape a scorer needs. Scorers turn it into an undecided score
 * that names the case and the field, so one bad case shows up in the report instead of stopping the run.
 */
@API(status = STABLE, since = "0.1.0")
public final class CaseDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseDataException(String caseId, String field, String problem) {
        super("case '" + caseId + "': field '" + field + "': " + problem);
    }
}
