package dev.evalgate.models.catalog;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model evalgate knows how to fetch by name.
 *
 * @param name        what a bundle writes after {@code llamacpp:}, for example {@code qwen2.5-0.5b-instruct}
 * @param fileName    the name the file gets in the cache, and under which a mirror serves it
 * @param url         where the publisher serves the file; pinned to a revision where one is known
 * @param sha256      the expected sha256 in lower-case hex, or empty when the entry is not pinned (then the
 *                    downloader refuses it unless the user opts in)
 * @param sizeBytes   the expected size, or 0 when not known
 * @param licence     the licence of the weights as the publisher declares it
 * @param contextSize the context length evalgate uses for this model unless a setting says otherwise
 * @param pinSource   where the checksum and size come from, so a reader can check them
 * @param note        one line on what the model is good for
 */
public record CatalogEntry(String name, String fileName, URI url, String sha256, long sizeBytes, String licence,
                           int contextSize, String pinSource, String note) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public CatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(url, "url");
        sha256 = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!sha256.isEmpty() && !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of catalog entry '" + name
                    + "' must be 64 hex digits, was '" + sha256 + "'");
        }
        if (!fileName.endsWith(".gguf") || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("fileName of catalog entry '" + name
                    + "' must be a plain file name ending in .gguf, was '" + fileName + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes of catalog entry '" + name + "' must not be negative");
        }
        if (contextSize < 16) {
            throw new IllegalArgumentException("contextSize of catalog entry '" + name + "' must be at least 16");
        }
        licence = licence == null ? "" : licence;
        pinSource = pinSource == null ? "" : pinSource;
        note = note == null ? "" : note;
    }

    public boolean pinned() {
        return !sha256.isEmpty();
    }

    public Optional<String> pinnedSha256() {
        return pinned() ? Optional.of(sha256) : Optional.empty();
    }

    /** The same entry served from another place (a mirror, a test server); everything else stays pinned. */
    public CatalogEntry withUrl(URI newUrl) {
        return new CatalogEntry(name, fileName, newUrl, sha256, sizeBytes, licence, contextSize, pinSource, note);
    }
}
