package dev.evalgate.engine;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.evalgate.datasets.PlainData;

/**
 * A scorer as a suite declares it: its name in reports, the registered type, and free-form parameters that the
 * scorer's provider validates. Recorded in {@code run.json} so a run can be re-scored.
 */
public record ScorerSpec(String name, String type, Map<String, Object> params,
                         @JsonIgnore SourceLocation location) {
    public ScorerSpec {
        Objects.requireNonNull(type, "type");
        name = name == null || name.isBlank() ? type : name;
        params = PlainData.immutableMap(params);
        location = location == null ? SourceLocation.NONE : location;
    }

    public static ScorerSpec of(String type, Map<String, Object> params) {
        return new ScorerSpec(type, type, params, SourceLocation.NONE);
    }
}
