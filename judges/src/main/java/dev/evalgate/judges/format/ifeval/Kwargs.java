package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one instruction, in IFEval's data format. Keys with a null value are ignored (the Hugging Face
 * copy of the data lists every key for every instruction, with nulls); unknown keys and wrong types are errors
 * naming the key.
 */
final class Kwargs {
    private final Map<String, Object> values;

    Kwargs(Map<String, Object> values, Set<String> allowed) {
        this.values = values;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() != null && !allowed.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown argument '" + entry.getKey() + "'; this instruction takes "
                        + (allowed.isEmpty() ? "no arguments" : String.join(", ", allowed)));
            }
        }
    }

    String string(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("argument '" + key + "' is missing");
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("argument '" + key + "' must be a text");
        }
        return value.toString();
    }

    int integer(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("argument '" + key + "' is missing");
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument '" + key + "' must be a whole number, was '" + value + "'");
        }
    }

    int positive(String key) {
        int value = integer(key);
        if (value < 0) {
            throw new IllegalArgumentException("argument '" + key + "' must not be negative, was " + value);
        }
        return value;
    }

    Relation relation(String key) {
        return Relation.parse(string(key));
    }

    List<String> strings(String key) {
        Object value = values.get(key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("argument '" + key + "' must be a list of texts");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw new IllegalArgumentException("argument '" + key + "' must be a list of texts");
            }
            out.add(item.toString());
        }
        return List.copyOf(out);
    }
}
