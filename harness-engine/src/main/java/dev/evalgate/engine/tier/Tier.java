package dev.evalgate.engine.tier;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.engine.SourceLocation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A named subset of a suite's cases, such as {@code smoke} on every pull request and {@code full} before a
 * promotion. Cases are first filtered by tag, then optionally sampled: a seeded sample stratified by corpus and
 * first tag, so every kind of case stays represented and the same seed always picks the same cases.
 *
 * @param tags     keep cases with any of these tags; empty keeps every case
 * @param sample   keep at most this many cases; 0 for no count limit
 * @param fraction keep this share of cases (after the tag filter); 1 for all
 * @param seed     decides which cases a sample keeps
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Tier(String name, List<String> tags, int sample, double fraction, long seed, SourceLocation location) {
    public static final String FULL = "full";
    public static final String SMOKE = "smoke";
    public static final long DEFAULT_SEED = 7L;

    /** Every case; what {@code --tier full} means when a suite does not declare it. */
    public static final Tier ALL = new Tier(FULL, List.of(), 0, 1.0, DEFAULT_SEED, SourceLocation.NONE);

    public Tier {
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        if (sample < 0) {
            throw new IllegalArgumentException("sample must not be negative, was " + sample);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
        }
        location = location == null ? SourceLocation.NONE : location;
    }

    /** The tier keeps every case: no tag filter and no sampling. */
    public boolean keepsAll() {
        return tags.isEmpty() && sample == 0 && fraction == 1.0;
    }
}
