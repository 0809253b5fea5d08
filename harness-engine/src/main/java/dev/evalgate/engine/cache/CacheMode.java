package dev.evalgate.engine.cache;

import java.util.Locale;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How a run uses the inference cache. The same store serves as a local cache ({@link #READWRITE}) and as cassettes a
 * team commits ({@link #RECORD} once, {@link #REPLAY} in CI to prove that no prompt changed without re-recording).
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum CacheMode {
    /** Call the model for every request and (over)write its entry: how cassettes are re-recorded. */
    RECORD,
    /** Serve every request from the store and never call the model; a request with no entry is an error. */
    REPLAY,
    /** Serve what the store has, call the model for the rest and store their outputs (the default). */
    READWRITE,
    /** Neither read nor write the store. */
    OFF;

    /** Parses a flag or setting value ({@code record}, {@code replay}, {@code readwrite}, {@code off}). */
    public static CacheMode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CacheMode mode : values()) {
            if (mode.flagValue().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown cache mode '" + text + "'; use one of record, replay, readwrite, off");
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean reads() {
        return this == REPLAY || this == READWRITE;
    }

    boolean writes() {
        return this == RECORD || this == READWRITE;
    }
}
