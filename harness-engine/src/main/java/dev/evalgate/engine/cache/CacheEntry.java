package dev.evalgate.engine.cache;

import java.util.Objects;

/**
 * One file of the store: the full request it answers (so a reviewer sees in a diff which prompt changed, and a
 * lookup can check that the file really answers the request), the model as the user named it, and the output.
 *
 * @param format     version of this file layout, for readers of older or newer stores
 * @param key        the request; its digest names the file
 * @param modelName  the model as the bundle named it, for people (the key holds its fingerprint)
 * @param completion what the model returned
 */
public record CacheEntry(int format, InferenceKey key, String modelName, CachedCompletion completion) {
    public static final int FORMAT = 1;

    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(completion, "completion");
        modelName = modelName == null ? "" : modelName;
    }
}
