package dev.evalgate.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, null-tolerant immutable copies of JSON-like data (maps, lists, scalars), so records stay values. */
public final class PlainData {
    private PlainData() {
    }

    public static Map<String, Object> immutableMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, immutable(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    public static Object immutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return immutableMap((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(immutable(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
