package dev.evalgate.datasets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One evaluation case.
 *
 * @param id       stable across corpus versions; keys the baseline diff
 * @param input    template variables (a plain-text case has the single variable {@code input}); may hold
 *                 {@code messages}, a chat as a list of {@code {role, content}}
 * @param expected what scorers need: references, incorrect answers, a JSON schema, verifiable instructions,
 *                 a canary, an attack goal
 * @param tags     free labels such as {@code adversarial} or {@code historical}, used by gates and reports
 * @param metadata provenance and anything else that scorers must not depend on
 */
@API(status = STABLE, since = "0.1.0")
public record EvalCase(String id, Map<String, Object> input, Map<String, Object> expected, List<String> tags,
                       Map<String, Object> metadata) {

    public static final String ADVERSARIAL_TAG = "adversarial";

    public EvalCase {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        input = PlainData.immutableMap(input);
        expected = PlainData.immutableMap(expected);
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = PlainData.immutableMap(metadata);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    public boolean adversarial() {
        return hasTag(ADVERSARIAL_TAG);
    }
}
