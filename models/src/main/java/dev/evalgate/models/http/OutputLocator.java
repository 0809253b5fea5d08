package dev.evalgate.models.http;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Where a value sits in a service's JSON answer: a JSON Pointer (RFC 6901, {@code /choices/0/text}) or the plain
 * subset of JSONPath that names one value ({@code $.choices[0].text}, {@code $['a key']}), which is turned into the
 * equivalent pointer. Wildcards, filters and slices select several values and are refused.
 */
final class OutputLocator {
    private OutputLocator() {
    }

    static String toPointer(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("/")) {
            try {
                return JsonPointer.compile(trimmed).toString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a JSON Pointer: " + e.getMessage());
            }
        }
        if (!trimmed.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "' is neither a JSON Pointer (/answer) nor a JSONPath "
                    + "($.answer)");
        }
        StringBuilder pointer = new StringBuilder();
        int i = 1;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < trimmed.length() && trimmed.charAt(end) != '.' && trimmed.charAt(end) != '[') {
                    end++;
                }
                String name = trimmed.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw unsupported(text);
                }
                pointer.append('/').append(escape(name));
                i = end;
            } else if (c == '[') {
                int end = trimmed.indexOf(']', i);
                if (end < 0) {
                    throw unsupported(text);
                }
                String inside = trimmed.substring(i + 1, end).strip();
                if (inside.matches("\\d+")) {
                    pointer.append('/').append(inside);
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    pointer.append('/').append(escape(inside.substring(1, inside.length() - 1)));
                } else {
                    throw unsupported(text);
                }
                i = end + 1;
            } else {
                throw unsupported(text);
            }
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static IllegalArgumentException unsupported(String text) {
        return new IllegalArgumentException("'" + text + "' is not a JSONPath to one value; use names and indexes "
                + "only ($.data.items[0].text) or a JSON Pointer (/data/items/0/text)");
    }
}
