package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * The tests of a promptfoo configuration ({@code promptfooconfig.yaml}): each entry of {@code tests:} becomes a
 * case whose input is its {@code vars} (merged over {@code defaultTest.vars}), and each assertion with an evalgate
 * equivalent becomes an {@code expected} field its scorer reads:
 * <ul>
 *   <li>{@code equals}, {@code similar}, {@code levenshtein}, {@code rouge-n}, {@code factuality},
 *       {@code model-graded-closedqa}: the value joins {@code expected.reference(s)} (scorers exact-match,
 *       token-f1, rouge-l, llm-closed-qa);</li>
 *   <li>{@code contains}, {@code icontains}, {@code contains-all}, {@code icontains-all}: {@code
 *       expected.required_keywords}; {@code not-contains}, {@code not-icontains}, {@code not-contains-any},
 *       {@code not-icontains-any}: {@code expected.forbidden_keywords} (scorer keywords, which ignores case unless
 *       told otherwise);</li>
 *   <li>{@code is-json}: {@code expected.schema}, the assertion's schema or {@code {}} (scorer json-schema).</li>
 * </ul>
 * Every other assertion (javascript, python, regex, llm-rubric, cost, latency, ...) has no per-case equivalent: it is
 * reported with its file and line and counted in the import's lineage. Vars are expanded as promptfoo expands them
 * ({@link PromptfooVars}): a list of values or a {@code file://} glob makes one case per combination, and
 * {@code file://} values are read relative to the configuration file, never from outside its directory. A test
 * whose vars cannot become an input (none, a file that cannot be read) is a bad row. Tests kept in files
 * ({@code tests: file://tests.csv}, or {@code file://} items and globs in the list) are read by
 * {@link PromptfooTestFiles}, and each file read is recorded with its sha256 in the import's lineage.
 */
final class PromptfooTests implements RecordReader {
    private static final Map<String, String> REFERENCE = Map.of("equals", "exact-match", "similar", "token-f1 or"
            + " rouge-l", "levenshtein", "exact-match", "rouge-n", "rouge-l", "factuality", "llm-closed-qa",
            "model-graded-closedqa", "llm-closed-qa");
    private static final List<String> REQUIRED = List.of("contains", "icontains", "contains-all", "icontains-all");
    private static final List<String> FORBIDDEN = List.of("not-contains", "not-icontains", "not-contains-any",
            "not-icontains-any");

    /** Assertion types seen and not mapped, with how often, for the lineage. */
    private final Map<String, Integer> unmapped = new TreeMap<>();
    private final Map<String, Integer> mapped = new TreeMap<>();
    /** Lines of the default test's vars, for errors about a value a test inherits. */
    private final Map<String, Integer> defaultVarLines = new LinkedHashMap<>();
    /** The test files read, as the configuration names them, with their sha256. */
    private final Map<String, String> testFiles = new LinkedHashMap<>();

    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        ConfigNode root = ConfigNode.parseYaml(source);
        Map<String, Object> defaultVars = new LinkedHashMap<>();
        List<PromptfooTestEntry.Assertion> defaultAsserts = new ArrayList<>();
        defaultVarLines.clear();
        testFiles.clear();
        root.optional("defaultTest").filter(ConfigNode::isMap).ifPresent(d -> {
            d.optional("vars").filter(ConfigNode::isMap).ifPresent(v -> {
                defaultVars.putAll(v.toPlainMap());
                v.toPlainMap().keySet().forEach(k -> v.optional(k).ifPresent(n -> defaultVarLines.put(k, n.line())));
            });
            d.optional("assert").filter(ConfigNode::isList).ifPresent(a -> a.asList()
                    .forEach(node -> defaultAsserts.add(PromptfooTestEntry.Assertion.of(source, node))));
        });
        ConfigNode tests = root.optional("tests").orElseThrow(() -> new InvalidInputException(source, 0, "tests",
                "no 'tests:' in this promptfoo configuration; nothing to import"));
        PromptfooVars expander = new PromptfooVars(source);
        Defaults defaults = new Defaults(source, defaultVars, defaultAsserts);
        for (ConfigNode entry : tests.isList() ? tests.asList() : List.of(tests)) {
            try {
                if (entry.isMap()) {
                    accept(PromptfooTestEntry.of(source, entry), defaults, idPrefix, sink, expander);
                } else if (!entry.isList() && !entry.isNull() && entry.asString().startsWith("file://")) {
                    PromptfooVars.Origin namedAt = new PromptfooVars.Origin(source, entry.line(), entry.path());
                    for (Path file : expander.files(entry.asString().substring("file://".length()), namedAt)) {
                        List<PromptfooTestEntry> fromFile = PromptfooTestFiles.read(file, namedAt, sink);
                        testFiles.put(expander.relative(file), ContentHash.sha256(file));
                        for (PromptfooTestEntry test : fromFile) {
                            accept(test, defaults, idPrefix, sink, expander);
                        }
                    }
                } else {
                    throw new InvalidInputException(source, entry.line(), entry.path(), "expected a test (a mapping"
                            + " with vars and assert) or a file:// test file (.yaml, .yml, .json, .jsonl, .csv),"
                            + " found '" + (entry.isList() ? "a list" : entry.asString()) + "'");
                }
            } catch (InvalidInputException e) {
                sink.problem(e);
            }
        }
        if (!mapped.isEmpty()) {
            sink.note(source + ": assertions mapped to expected fields: " + mapped);
        }
        if (!unmapped.isEmpty()) {
            sink.note(source + ": assertions with no evalgate equivalent, not imported: " + unmapped
                    + " (each listed above with its line)");
        }
    }

    /** The configuration's {@code defaultTest}: merged under every test, wherever the test is written. */
    private record Defaults(Path config, Map<String, Object> vars, List<PromptfooTestEntry.Assertion> asserts) {
    }

    /** The counts for the import's lineage, and the test files read with their sha256. */
    Map<String, Object> assertionCounts() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mapped_assertions", Map.copyOf(mapped));
        out.put("unmapped_assertions", Map.copyOf(unmapped));
        if (!testFiles.isEmpty()) {
            out.put("test_files", new TreeMap<>(testFiles));
        }
        return out;
    }

    private void accept(PromptfooTestEntry test, Defaults defaults, String idPrefix, RowSink sink,
                        PromptfooVars expander) {
        try {
            for (EvalCase c : testCases(test, defaults, idPrefix, sink, expander)) {
                sink.accept(test.line(), c);
            }
        } catch (InvalidInputException e) {
            sink.problem(e);
        }
    }

    private List<EvalCase> testCases(PromptfooTestEntry test, Defaults defaults, String idPrefix, RowSink sink,
                                     PromptfooVars expander) {
        Map<String, Object> vars = new LinkedHashMap<>(defaults.vars());
        vars.putAll(test.vars());
        if (vars.isEmpty()) {
            throw new InvalidInputException(test.file(), test.line(), test.path().isEmpty() ? "vars"
                    : test.path() + ".vars", "the test has no vars,"
                    + " so there is no input to evaluate");
        }
        Map<String, PromptfooVars.Origin> origins = new LinkedHashMap<>();
        for (Map.Entry<String, Object> var : vars.entrySet()) {
            PromptfooVars.Origin origin = test.varOrigins().containsKey(var.getKey())
                    ? test.varOrigins().get(var.getKey())
                    : new PromptfooVars.Origin(defaults.config(), defaultVarLines.getOrDefault(var.getKey(),
                            test.line()), "defaultTest.vars." + var.getKey());
            origins.put(var.getKey(), origin);
            if (var.getValue() == null) {
                throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "the variable has no"
                        + " value");
            }
        }
        List<PromptfooVars.Combination> combinations = expander.expand(vars, origins);
        List<PromptfooTestEntry.Assertion> asserts = new ArrayList<>(defaults.asserts());
        asserts.addAll(test.asserts());
        List<String> references = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (PromptfooTestEntry.Assertion assertion : asserts) {
            String type = assertion.type();
            String scorer = mapInto(type, assertion.value(), references, required, forbidden, expected);
            if (scorer == null) {
                unmapped.merge(type.isEmpty() ? "(no type)" : type, 1, Integer::sum);
                sink.note(assertion.file() + ":" + assertion.line() + ": " + assertion.path() + ": assertion '"
                        + type + "' has no per-case equivalent in evalgate; not imported (a suite-level scorer such"
                        + " as regex or llm-rubric takes its rule as a parameter)");
            } else {
                mapped.merge(type + " -> " + scorer, 1, Integer::sum);
            }
        }
        if (references.size() == 1) {
            expected.put("reference", references.get(0));
        } else if (!references.isEmpty()) {
            expected.put("references", references);
        }
        if (!required.isEmpty()) {
            expected.put("required_keywords", required);
        }
        if (!forbidden.isEmpty()) {
            expected.put("forbidden_keywords", forbidden);
        }
        List<EvalCase> cases = new ArrayList<>();
        for (PromptfooVars.Combination combination : combinations) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (test.description() != null) {
                metadata.put("description", test.description());
            }
            if (!test.metadata().isEmpty()) {
                metadata.put("promptfoo_metadata", test.metadata());
            }
            if (!combination.files().isEmpty()) {
                metadata.put("promptfoo_files", combination.files());
            }
            if (!test.file().equals(defaults.config())) {
                metadata.put("promptfoo_test_file", expander.relative(test.file().toAbsolutePath().normalize()));
            }
            metadata.put("source_line", test.line());
            Map<String, Object> input = new LinkedHashMap<>();
            combination.vars().forEach((k, v) -> input.put(k, v instanceof Map ? v : v instanceof List<?>
                    ? json(v) : String.valueOf(v)));
            String description = test.description();
            String prefix = description == null ? idPrefix : idPrefix + cut(StableId.slug(description), 40) + "-";
            cases.add(new EvalCase(prefix + FieldMapping.contentHash(input, expected, List.of()), input, expected,
                    List.of(), metadata));
        }
        return cases;
    }

    /** A list value (one promptfoo does not expand) as JSON text, the form a template shows. */
    private static String json(Object value) {
        try {
            return SourceFiles.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Adds what the assertion checks to the expected fields; the scorer that reads them, or null if none does. */
    private static String mapInto(String type, Object value, List<String> references, List<String> required,
                                  List<String> forbidden, Map<String, Object> expected) {
        boolean text = value != null && !(value instanceof Map) && !(value instanceof List)
                && !String.valueOf(value).startsWith("file://");
        if (REFERENCE.containsKey(type) && text) {
            references.add(String.valueOf(value));
            return REFERENCE.get(type);
        }
        if (REQUIRED.contains(type) || FORBIDDEN.contains(type)) {
            List<String> values = new ArrayList<>();
            if (text) {
                values.add(String.valueOf(value));
            } else if (value instanceof List<?> list && (type.endsWith("-all") || type.endsWith("-any"))) {
                for (Object item : list) {
                    if (item instanceof Map || item instanceof List || item == null) {
                        return null;
                    }
                    values.add(String.valueOf(item));
                }
            } else {
                return null;
            }
            (REQUIRED.contains(type) ? required : forbidden).addAll(values);
            return "keywords";
        }
        if (type.equals("is-json") && (value == null || value instanceof Map)) {
            expected.put("schema", value == null ? Map.of() : value);
            return "json-schema";
        }
        return null;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max).replaceAll("-$", "");
    }
}
