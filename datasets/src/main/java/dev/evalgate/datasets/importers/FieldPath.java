package dev.evalgate.datasets.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path into one source row, in the JSONPath subset a field mapping needs: {@code $} (the whole row),
 * {@code $.name}, {@code $['name with spaces']}, {@code $.list[0]}, chained ({@code $.meta.labels[1]}). A trailing
 * {@code ?} marks the field optional: a row without it is still mapped, the target left out. For CSV the row is an
 * object of the header's column names.
 */
public record FieldPath(String text, List<Object> steps, boolean optional) {
    public FieldPath {
        Objects.requireNonNull(text, "text");
        steps = List.copyOf(steps);
    }

    /** Parses a path; the message of the exception says what is wrong with it. */
    public static FieldPath parse(String written) {
        String text = written.strip();
        boolean optional = text.endsWith("?");
        String path = optional ? text.substring(0, text.length() - 1) : text;
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("path '" + written + "' must start with '$' (the row), e.g. $.question"
                    + " or $['Customer question']");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("path '" + written + "': empty field name at position " + (i + 1));
                }
                steps.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("path '" + written + "': '[' at position " + (i + 1)
                            + " is never closed");
                }
                String inside = path.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d{1,9}")) {
                    steps.add(Integer.parseInt(inside));
                } else {
                    throw new IllegalArgumentException("path '" + written + "': expected [N] or ['name'] at position "
                            + (i + 1));
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("path '" + written + "': expected '.' or '[' at position " + (i + 1));
            }
        }
        return new FieldPath(text, steps, optional);
    }

    /** The value at this path, or null when a step is missing or the value is JSON null. */
    public JsonNode find(JsonNode row) {
        JsonNode node = row;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    @Override
    public String toString() {
        return text;
    }
}
