package dev.evalgate.engine.gate;

import java.util.List;
import java.util.stream.Collectors;

import dev.evalgate.engine.CaseResult;

/**
 * Errored results in one line a person can act on: the first few, each with its case, repeat and error text, and
 * how many more there are. Error texts come from backends and may quote model output, so each is cut short.
 */
final class ErrorDigest {
    static final int MAX_ERROR_CHARS = 200;
    static final int MAX_RESULTS = 3;

    private ErrorDigest() {
    }

    static String of(List<CaseResult> errored, boolean showRepeat) {
        return of(errored, errored.size(), showRepeat);
    }

    /** @param first the first errored results (only {@link #MAX_RESULTS} are listed), of {@code count} in all */
    static String of(List<CaseResult> first, int count, boolean showRepeat) {
        String listed = first.stream().limit(MAX_RESULTS)
                .map(r -> r.key() + (showRepeat ? " repeat " + r.repeat() : "") + ": \"" + oneLine(r.error()) + '"')
                .collect(Collectors.joining("; "));
        int more = count - MAX_RESULTS;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    private static String oneLine(String error) {
        String flat = error.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_ERROR_CHARS ? flat : CaseResult.cap(flat, MAX_ERROR_CHARS) + "...";
    }
}
