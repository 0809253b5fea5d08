package dev.evalgate.engine.internal;

import java.util.List;
import java.util.Objects;

import dev.evalgate.engine.Scorer;

/**
 * A created scorer with the name the suite gave it (every score it returns is reported under that name) and the
 * case tags it is limited to (empty: every case).
 */
public record NamedScorer(String name, Scorer scorer, List<String> tags) {
    public NamedScorer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scorer, "scorer");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public NamedScorer(String name, Scorer scorer) {
        this(name, scorer, List.of());
    }

    public boolean appliesTo(List<String> caseTags) {
        return tags.isEmpty() || caseTags.stream().anyMatch(tags::contains);
    }
}
