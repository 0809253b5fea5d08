package dev.evalgate.engine;

import java.util.Objects;

/** A created scorer with the name the suite gave it; every score it returns is reported under that name. */
public record NamedScorer(String name, Scorer scorer) {
    public NamedScorer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scorer, "scorer");
    }
}
