package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.evalgate.datasets.EvalCase;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Reads the fields of a case's {@code expected} that scorers share. A field may hold one text or a list of texts;
 * a malformed field is reported as a {@link CaseDataException} naming the case and field, never silently ignored.
 */
@API(status = STABLE, since = "0.1.0")
public final class CaseFields {
    private CaseFields() {
    }

    /** One text or a list of texts under {@code expected.<key>}; empty when absent. */
    public static List<String> texts(EvalCase evalCase, String key) {
        Object value = evalCase.expected().get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw new CaseDataException(evalCase.id(), "expected." + key, "expected a list of texts");
                }
                out.add(String.valueOf(item));
            }
            return List.copyOf(out);
        }
        if (value instanceof Map) {
            throw new CaseDataException(evalCase.id(), "expected." + key, "expected a text or a list of texts");
        }
        return List.of(String.valueOf(value));
    }

    public static Optional<String> text(EvalCase evalCase, String key) {
        List<String> values = texts(evalCase, key);
        if (values.size() > 1) {
            throw new CaseDataException(evalCase.id(), "expected." + key, "expected one text, found a list");
        }
        return values.stream().findFirst();
    }

    /** Reference answers: {@code expected.references} (list) and {@code expected.reference} (one), in that order. */
    public static List<String> references(EvalCase evalCase) {
        // A corpus may name its best reference in both fields; the duplicate would add nothing.
        Set<String> out = new LinkedHashSet<>(texts(evalCase, "references"));
        out.addAll(texts(evalCase, "reference"));
        return List.copyOf(out);
    }

    /** The case's references; a case without any is bad data for a scorer that compares against them. */
    public static List<String> requiredReferences(EvalCase evalCase) {
        List<String> references = references(evalCase);
        if (references.isEmpty()) {
            throw new CaseDataException(evalCase.id(), "expected.references",
                    "no expected.reference or expected.references to compare with");
        }
        return references;
    }
}
