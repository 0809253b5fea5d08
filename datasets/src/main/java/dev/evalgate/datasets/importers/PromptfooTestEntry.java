package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;

/**
 * One promptfoo test, wherever it was written (inline under {@code tests:}, in a YAML, JSON or JSONL test file, or as
 * a CSV row), with where each part was written so that errors and notes name the right file and line.
 *
 * @param file        the file the test is in
 * @param line        the line it starts on
 * @param path        its place in that file, such as {@code tests[3]} or a CSV's {@code row 12}
 * @param vars        its own variables (the default test's are merged in later)
 * @param varOrigins  where each of its own variables was written
 * @param asserts     its own assertions
 * @param description its description, or null
 * @param metadata    its {@code metadata}, or empty
 */
record PromptfooTestEntry(Path file, int line, String path, Map<String, Object> vars,
                          Map<String, PromptfooVars.Origin> varOrigins, List<Assertion> asserts, String description,
                          Map<String, Object> metadata) {

    /** One assertion: its type, its value (text, a list, a mapping, or null) and where it was written. */
    record Assertion(String type, Object value, Path file, int line, String path) {
        static Assertion of(Path file, ConfigNode node) {
            String type = node.isMap() ? node.string("type", "") : "";
            Object value = node.isMap() ? node.optional("value").map(PromptfooTestEntry::plain).orElse(null) : null;
            return new Assertion(type, value, file, node.line(), node.path());
        }
    }

    /** A test written as YAML or JSON: a mapping with {@code vars}, {@code assert}, {@code description}. */
    static PromptfooTestEntry of(Path file, ConfigNode test) {
        if (!test.isMap()) {
            throw new InvalidInputException(file, test.line(), test.path(), "expected a test (a mapping with vars and"
                    + " assert) or a file:// test file, found '" + test.asString() + "'");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, PromptfooVars.Origin> origins = new LinkedHashMap<>();
        test.optional("vars").ifPresent(v -> {
            if (!v.isMap()) {
                throw v.error("expected a mapping of variable names to values");
            }
            vars.putAll(v.toPlainMap());
            for (String key : vars.keySet()) {
                v.optional(key).ifPresent(n -> origins.put(key, new PromptfooVars.Origin(file, n.line(), n.path())));
            }
        });
        List<Assertion> asserts = new ArrayList<>();
        test.optional("assert").filter(ConfigNode::isList).ifPresent(a -> a.asList()
                .forEach(node -> asserts.add(Assertion.of(file, node))));
        Map<String, Object> metadata = test.optional("metadata").filter(ConfigNode::isMap)
                .map(ConfigNode::toPlainMap).orElse(Map.of());
        return new PromptfooTestEntry(file, test.line(), test.path(), vars, origins, asserts,
                test.optional("description").map(ConfigNode::asString).orElse(null), metadata);
    }

    /** A test on one line of a JSONL file: an object with {@code vars}, {@code assert}, {@code description}. */
    static PromptfooTestEntry ofJson(Path file, int line, Object test) {
        if (!(test instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file, line, null, "expected a test (an object with vars and assert)");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, PromptfooVars.Origin> origins = new LinkedHashMap<>();
        Object ownVars = map.get("vars");
        if (ownVars != null && !(ownVars instanceof Map)) {
            throw new InvalidInputException(file, line, "vars", "expected an object of variable names to values");
        }
        if (ownVars instanceof Map<?, ?> varMap) {
            varMap.forEach((k, v) -> {
                vars.put(String.valueOf(k), v);
                origins.put(String.valueOf(k), new PromptfooVars.Origin(file, line, "vars." + k));
            });
        }
        List<Assertion> asserts = new ArrayList<>();
        if (map.get("assert") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object a = list.get(i);
                String type = a instanceof Map<?, ?> am && am.get("type") != null ? String.valueOf(am.get("type")) : "";
                Object value = a instanceof Map<?, ?> am ? am.get("value") : null;
                asserts.add(new Assertion(type, value instanceof Number || value instanceof Boolean
                        ? String.valueOf(value) : value, file, line, "assert[" + i + "]"));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (map.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        }
        Object description = map.get("description");
        return new PromptfooTestEntry(file, line, "", vars, origins, asserts,
                description == null ? null : String.valueOf(description), metadata);
    }

    /**
     * A CSV row under its header: each column is a variable, except {@code __expected}, {@code __expected1}, ...
     * (assertions as text), {@code __description} and {@code __metadata:NAME}; other {@code __} columns
     * ({@code __prefix}, {@code __threshold}, ...) shape how promptfoo runs a test and are left out.
     */
    static PromptfooTestEntry ofCsvRow(Path file, List<String> header, CsvRecords.Row row) {
        if (row.fields().size() > header.size()) {
            throw new InvalidInputException(file, row.line(), "row " + row.line(), "the row has "
                    + row.fields().size() + " fields, the header " + header.size());
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, PromptfooVars.Origin> origins = new LinkedHashMap<>();
        List<Assertion> asserts = new ArrayList<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        String description = null;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = i < row.fields().size() ? row.fields().get(i) : "";
            if (column.startsWith("__expected")) {
                if (!value.isBlank()) {
                    PromptfooAssertionText.Parsed parsed = PromptfooAssertionText.parse(value);
                    asserts.add(new Assertion(parsed.type(), parsed.value(), file, row.line(), column));
                }
            } else if (column.equals("__description")) {
                description = value.isBlank() ? null : value;
            } else if (column.startsWith("__metadata:")) {
                if (!value.isBlank()) {
                    metadata.put(column.substring("__metadata:".length()), value);
                }
            } else if (!column.startsWith("__")) {
                vars.put(column, value);
                origins.put(column, new PromptfooVars.Origin(file, row.line(), column));
            }
        }
        return new PromptfooTestEntry(file, row.line(), "row " + row.line(), vars, origins, asserts, description,
                metadata);
    }

    /** A value as the mapping functions read it: a scalar as its text, a list or mapping as plain data. */
    private static Object plain(ConfigNode node) {
        if (node.isNull()) {
            return null;
        }
        return node.isMap() || node.isList() ? node.toPlain() : node.asString();
    }
}
