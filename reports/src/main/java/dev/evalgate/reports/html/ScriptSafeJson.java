package dev.evalgate.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.engine.internal.Json;

/**
 * JSON that can sit inside {@code <script type="application/json">} whatever strings it holds. HTML ends a script
 * element at the first {@code </script}, whatever the type, so a model output containing it would close the data
 * block and whatever follows would be parsed as markup. Escaping {@code <}, {@code >} and {@code &} as
 * {@code \u003c} and so on leaves no markup at all in the block, and U+2028/U+2029 are escaped because older
 * JavaScript parsers treat them as line ends inside strings. All five can only occur inside JSON strings, where
 * the escapes mean the same characters.
 */
public final class ScriptSafeJson {
    private ScriptSafeJson() {
    }

    public static String of(Object value) {
        try {
            return escape(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is plain records and always serialises", e);
        }
    }

    static String escape(String json) {
        StringBuilder out = new StringBuilder(json.length() + json.length() / 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String escape = ScriptSafeWriter.escape(c);
            if (escape == null) {
                out.append(c);
            } else {
                out.append(escape);
            }
        }
        return out.toString();
    }
}
