package dev.evalgate.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apiguardian.api.API;

import dev.evalgate.datasets.PlainData;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A scorer as a suite declares it: its name in reports, the registered type, free-form parameters that the
 * scorer's provider validates, and the case tags it applies to. Recorded in {@code run.json} so a run can be
 * re-scored.
 *
 * @param tags the scorer scores only cases with at least one of these tags (a reference metric on the historical
 *             cases, an injection check on the adversarial ones); empty means every case
 */
@API(status = STABLE, since = "0.1.0")
public record ScorerSpec(String name, String type, Map<String, Object> params, List<String> tags,
                         @JsonIgnore SourceLocation location) {
    public ScorerSpec {
        Objects.requireNonNull(type, "type");
        name = name == null || name.isBlank() ? type : name;
        params = PlainData.immutableMap(params);
        tags = tags == null ? List.of() : List.copyOf(tags);
        location = location == null ? SourceLocation.NONE : location;
    }

    public ScorerSpec(String name, String type, Map<String, Object> params, SourceLocation location) {
        this(name, type, params, List.of(), location);
    }

    /** Whether this scorer scores a case with these tags. */
    public boolean appliesTo(List<String> caseTags) {
        return tags.isEmpty() || caseTags.stream().anyMatch(tags::contains);
    }

    public static ScorerSpec of(String type, Map<String, Object> params) {
        return new ScorerSpec(type, type, params, SourceLocation.NONE);
    }
}
