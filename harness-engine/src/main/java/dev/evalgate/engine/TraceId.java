package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Identifies one model call's case across logs, results and reports: {@code runId/corpus/caseId#repeat}. Backends
 * that serve recorded outputs read the case key back from it.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record TraceId(String runId, String caseKey, int repeat) {
    public TraceId {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(caseKey, "caseKey");
    }

    /** Parses {@link #toString()}'s form; empty when the text is not a trace id (a judge's own call, say). */
    public static java.util.Optional<TraceId> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        int slash = text.indexOf('/');
        int hash = text.lastIndexOf('#');
        if (slash <= 0 || hash <= slash + 1) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new TraceId(text.substring(0, slash), text.substring(slash + 1, hash),
                    Integer.parseInt(text.substring(hash + 1))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return runId + "/" + caseKey + "#" + repeat;
    }
}
