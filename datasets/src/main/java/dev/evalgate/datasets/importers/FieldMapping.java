package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * How the fields of a generic source row (a JSONL object, a CSV row) become a case: each target
 * ({@code input.NAME}, {@code expected.NAME}, {@code metadata.NAME}, {@code tags}, or a whole {@code input},
 * {@code expected}, {@code metadata} object) takes the value at a {@link FieldPath}; the id comes from an
 * {@code id} path or, without one, from a hash of the case's content (so re-importing the same rows gives the same
 * ids and adding rows changes no existing id).
 *
 * <p>On the command line: {@code --map input.question=$.q --map expected.reference=$.answer --id $.ticket_id}.
 * As a file ({@code --mapping FILE}):
 * <pre>
 * id: $.ticket_id
 * map:
 *   input.question: $.q
 *   expected.reference: $.answer
 *   tags: $.category?
 * </pre>
 */
public record FieldMapping(FieldPath id, Map<String, FieldPath> targets) {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public FieldMapping {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        if (targets.keySet().stream().noneMatch(t -> t.equals("input") || t.startsWith("input."))) {
            throw new IllegalArgumentException("the mapping names no input: add --map input.NAME=$.field (the"
                    + " template variable NAME) or --map input=$.field");
        }
        for (String target : targets.keySet()) {
            checkTarget(target);
        }
    }

    private static void checkTarget(String target) {
        if (target.equals("tags") || target.equals("input") || target.equals("expected")
                || target.equals("metadata")) {
            return;
        }
        int dot = target.indexOf('.');
        String section = dot < 0 ? target : target.substring(0, dot);
        if (!List.of("input", "expected", "metadata").contains(section) || dot == target.length() - 1) {
            throw new IllegalArgumentException("target '" + target + "': use input.NAME, expected.NAME,"
                    + " metadata.NAME, tags, or a whole input, expected or metadata");
        }
    }

    /** Parses {@code TARGET=PATH} specs and an optional id path, as given on the command line. */
    public static FieldMapping fromSpecs(List<String> specs, String idPath) {
        Map<String, FieldPath> targets = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + spec + "': expected TARGET=PATH, e.g."
                        + " input.question=$.q");
            }
            String target = spec.substring(0, eq).strip();
            if (targets.put(target, FieldPath.parse(spec.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("target '" + target + "' is mapped twice");
            }
        }
        return new FieldMapping(idPath == null ? null : FieldPath.parse(idPath), targets);
    }

    /** Reads a mapping file ({@code id:} and {@code map:}), reporting a mistake with its line. */
    public static FieldMapping read(Path file) {
        ConfigNode root = ConfigNode.parseYaml(file);
        root.allowOnly("id", "map");
        Map<String, FieldPath> targets = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : root.required("map").asMap().entrySet()) {
            try {
                checkTarget(entry.getKey());
                targets.put(entry.getKey(), FieldPath.parse(entry.getValue().asString()));
            } catch (IllegalArgumentException e) {
                throw entry.getValue().error(e.getMessage());
            }
        }
        FieldPath id = null;
        if (root.has("id")) {
            try {
                id = FieldPath.parse(root.requiredString("id"));
            } catch (IllegalArgumentException e) {
                throw root.required("id").error(e.getMessage());
            }
        }
        try {
            return new FieldMapping(id, targets);
        } catch (IllegalArgumentException e) {
            throw root.required("map").error(e.getMessage());
        }
    }

    /** The mapping as plain data, for the manifest's lineage. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != null) {
            out.put("id", id.text());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        targets.forEach((target, path) -> map.put(target, path.text()));
        out.put("map", map);
        return out;
    }

    /**
     * Builds the case of one row, or reports why it cannot: a required field missing, an id that is not text, tags
     * that are not text.
     *
     * @param idPrefix prefix of content-hash ids when the mapping has no id path
     */
    public EvalCase apply(JsonNode row, Path file, int line, String idPrefix) {
        Map<String, Object> input = new LinkedHashMap<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        for (Map.Entry<String, FieldPath> entry : targets.entrySet()) {
            String target = entry.getKey();
            FieldPath path = entry.getValue();
            JsonNode value = path.find(row);
            if (value == null) {
                if (path.optional()) {
                    continue;
                }
                throw new InvalidInputException(file, line, target, "the row has no value at " + path
                        + " (mark the path optional with a trailing '?' if rows may lack it)");
            }
            int dot = target.indexOf('.');
            String section = dot < 0 ? target : target.substring(0, dot);
            if (target.equals("tags")) {
                tags.addAll(tags(value, file, line, path));
            } else if (dot < 0) {
                if (!value.isObject() && !(section.equals("input") && value.isTextual())) {
                    throw new InvalidInputException(file, line, target, "the value at " + path + " is "
                            + kind(value) + "; a whole " + section + " must be a JSON object"
                            + (section.equals("input") ? " or a text" : ""));
                }
                Map<String, Object> whole = section.equals("input") && value.isTextual()
                        ? Map.of("input", value.asText()) : plain(value);
                (section.equals("input") ? input : section.equals("expected") ? expected : metadata).putAll(whole);
            } else {
                Object plain = value.isValueNode() ? plainScalar(value) : CANONICAL.convertValue(value, Object.class);
                (section.equals("input") ? input : section.equals("expected") ? expected : metadata)
                        .put(target.substring(dot + 1), plain);
            }
        }
        metadata.putIfAbsent("source_line", line);
        String caseId = id == null ? idPrefix + contentHash(input, expected, tags) : caseId(row, file, line);
        return new EvalCase(caseId, input, expected, tags, metadata);
    }

    private String caseId(JsonNode row, Path file, int line) {
        JsonNode value = id.find(row);
        if (value == null) {
            throw new InvalidInputException(file, line, "id", "the row has no id at " + id);
        }
        if (!value.isTextual() && !value.isIntegralNumber() || value.asText().isBlank()) {
            throw new InvalidInputException(file, line, "id", "the id at " + id + " is " + kind(value)
                    + "; an id must be a non-empty text or a whole number");
        }
        String text = value.asText().strip();
        int bad = CorpusLoader.firstUnprintable(text);
        if (bad >= 0) {
            throw new InvalidInputException(file, line, "id", String.format("the id at %s contains the control or"
                    + " text-direction character U+%04X; ids are printed in reports", id, text.codePointAt(bad)));
        }
        return text;
    }

    private static List<String> tags(JsonNode value, Path file, int line, FieldPath path) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new InvalidInputException(file, line, "tags", "the list at " + path
                            + " holds " + kind(item) + "; tags are texts");
                }
                if (!item.asText().isBlank()) {
                    out.add(item.asText().strip());
                }
            }
        } else if (value.isValueNode()) {
            if (!value.asText().isBlank()) {
                out.add(value.asText().strip());
            }
        } else {
            throw new InvalidInputException(file, line, "tags", "the value at " + path + " is " + kind(value)
                    + "; tags are a text or a list of texts");
        }
        return out;
    }

    private static Object plainScalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        return value.isNumber() ? value.numberValue() : value.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(JsonNode value) {
        return CANONICAL.convertValue(value, Map.class);
    }

    private static String kind(JsonNode value) {
        return value.isObject() ? "an object" : value.isArray() ? "a list" : value.isTextual() ? "a text"
                : value.isNumber() ? "a number" : value.isBoolean() ? "a boolean" : "null";
    }

    /** 12 hex digits (48 bits): among a million rows a collision of different content is a one-in-500 chance. */
    static String contentHash(Map<String, Object> input, Map<String, Object> expected, List<String> tags) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("input", input);
        content.put("expected", expected);
        content.put("tags", tags);
        try {
            return dev.evalgate.datasets.ContentHash.sha256(CANONICAL.writeValueAsString(content)).substring(0, 12);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case holds only JSON values", e);
        }
    }
}
