package dev.evalgate.judges.privacy;

/**
 * One piece of personal data or one secret found in a text: what it is ({@code kind}: a PII entity type such as
 * {@code email}, or the id of the secret rule that matched), where it is, and its value. The value never leaves
 * evalgate's memory in clear: explanations, scans and reports use {@link #masked()}.
 *
 * @param category   {@code pii} or {@code secret}
 * @param kind       the entity type or rule id
 * @param start      offset of the first character in the scanned text
 * @param end        offset after the last character
 * @param value      the text as found
 * @param normalized the value in a canonical form (digits only, lower case, E.164), to compare occurrences
 */
public record Finding(String category, String kind, int start, int end, String value, String normalized) {
    public static final String PII = "pii";
    public static final String SECRET = "secret";

    public Finding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
        }
    }

    public String masked() {
        return Mask.of(value);
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
