package dev.evalgate.datasets.importers;

import java.text.Normalizer;
import java.util.Locale;

import dev.evalgate.datasets.ContentHash;

/** Short, stable case-id parts: a hash of a row's text and a slug of a label. */
final class StableId {
    private StableId() {
    }

    /** The first 8 hex digits of the sha256 of the text: enough to tell rows apart, short enough to read. */
    static String hash8(String text) {
        return ContentHash.sha256(text).substring(0, 8);
    }

    /** Lowercase ASCII words joined by '-', e.g. "Misconceptions: Topical" becomes "misconceptions-topical". */
    static String slug(String label) {
        String ascii = Normalizer.normalize(label, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
