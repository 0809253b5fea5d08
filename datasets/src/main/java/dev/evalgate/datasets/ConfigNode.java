package dev.evalgate.datasets;

import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML value that remembers its file, line and path, so that every configuration file is parsed once into
 * records and every mistake is reported as {@code file:line: field 'a.b[2].c': problem}.
 *
 * <p>Jackson's tree model drops source locations, so configuration is read through SnakeYAML's node graph, which
 * keeps them.
 */
public final class ConfigNode {
    private final Path file;
    private final String path;
    private final Node node;

    private ConfigNode(Path file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /**
     * Reads a YAML document whose top level must be a mapping, through {@link InputFiles} (regular file, size
     * limit, UTF-8).
     */
    public static ConfigNode parseYaml(Path file) {
        return parseYamlText(file, InputFiles.readText(file, InputKind.CONFIG));
    }

    /** Parses YAML text that comes from (or is about to be written to) {@code file}. */
    public static ConfigNode parseYamlText(Path file, String text) {
        return requireMap(composeBounded(file, text));
    }

    /** Parses YAML (or JSON, which is YAML) text whose top level must be a list, such as a file of tests. */
    public static ConfigNode parseYamlList(Path file, String text) {
        ConfigNode node = composeBounded(file, text);
        if (!node.isList()) {
            throw node.error("expected a list at the top level");
        }
        return node;
    }

    private static ConfigNode composeBounded(Path file, String text) {
        if (text.length() > InputKind.CONFIG.maxBytes()) {
            throw new InvalidInputException(file, 0, null, "larger than " + InputKind.CONFIG.describeLimit()
                    + ", the limit for a " + InputKind.CONFIG.label());
        }
        rejectLongLines(file, text);
        return compose(file, new java.io.StringReader(text));
    }

    /** Refuses a line the YAML parser would take quadratic time over, before it sees it. */
    private static void rejectLongLines(Path file, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > InputKind.MAX_CONFIG_LINE_CHARS) {
                    throw new InvalidInputException(file, line, null, "line is longer than "
                            + InputKind.MAX_CONFIG_LINE_CHARS + " characters; a configuration value this large is "
                            + "more likely a mistake (a file pasted whole) than a prompt: split it over several lines"
                            + " or shorten it");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Parses YAML from a reader; prefer {@link #parseYamlText}, which also bounds the lines. */
    public static ConfigNode parseYaml(Path file, Reader reader) {
        return requireMap(compose(file, reader));
    }

    private static ConfigNode requireMap(ConfigNode node) {
        if (!node.isMap()) {
            throw node.error("expected a YAML mapping at the top level");
        }
        return node;
    }

    private static ConfigNode compose(Path file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit((int) InputKind.CONFIG.maxBytes());
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidInputException(file, line, null, "not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new InvalidInputException(file, 0, null, "not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new InvalidInputException(file, 1, null, "the file is empty; expected a YAML mapping");
        }
        rejectDuplicateKeys(file, "", root);
        return new ConfigNode(file, "", root);
    }

    /**
     * SnakeYAML checks duplicate keys only when it constructs objects, not when it composes nodes; a repeated key
     * would otherwise silently shadow the first.
     */
    private static void rejectDuplicateKeys(Path file, String path, Node node) {
        if (node instanceof MappingNode map) {
            Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    if (!seen.add(key.getValue())) {
                        throw new InvalidInputException(file, key.getStartMark().getLine() + 1, child,
                                "not valid YAML: duplicate key '" + key.getValue() + "'");
                    }
                    rejectDuplicateKeys(file, child, tuple.getValueNode());
                }
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                rejectDuplicateKeys(file, path + "[" + i + "]", items.get(i));
            }
        }
    }

    public Path file() {
        return file;
    }

    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Dotted path of this value inside its file, such as {@code scorers[1].params.pattern}. */
    public String path() {
        return path;
    }

    public InvalidInputException error(String problem) {
        return new InvalidInputException(file, line(), path.isEmpty() ? null : path, problem);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** Rejects keys this mapping does not know, so a typo never passes silently as a default. */
    public ConfigNode allowOnly(String... keys) {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(keys));
        for (NodeTuple tuple : mapping().getValue()) {
            String key = keyOf(tuple);
            if (!allowed.contains(key)) {
                ConfigNode child = new ConfigNode(file, childPath(key), tuple.getKeyNode());
                throw child.error("unknown field; allowed here: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return find(key) != null;
    }

    public Optional<ConfigNode> optional(String key) {
        Node child = find(key);
        if (child == null) {
            return Optional.empty();
        }
        ConfigNode value = new ConfigNode(file, childPath(key), child);
        return value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public ConfigNode required(String key) {
        return optional(key).orElseThrow(() -> new InvalidInputException(file, line(),
                childPath(key), "required field is missing"));
    }

    public String requiredString(String key) {
        return required(key).asString();
    }

    public String string(String key, String fallback) {
        return optional(key).map(ConfigNode::asString).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return optional(key).map(ConfigNode::asInt).orElse(fallback);
    }

    public long longValue(String key, long fallback) {
        return optional(key).map(ConfigNode::asLong).orElse(fallback);
    }

    public double number(String key, double fallback) {
        return optional(key).map(ConfigNode::asDouble).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key).map(ConfigNode::asBoolean).orElse(fallback);
    }

    public List<String> strings(String key) {
        return optional(key).map(ConfigNode::asStringList).orElse(List.of());
    }

    public String asString() {
        ScalarNode scalar = scalar("a text value");
        return scalar.getValue();
    }

    /** This value as a path resolved against {@code directory}; a NUL or otherwise unnameable path is refused. */
    public Path asPathIn(Path directory) {
        return InputFiles.resolve(directory, asString(), file, line(), path.isEmpty() ? null : path);
    }

    public int asInt() {
        long value = asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("number out of range: " + value);
        }
        return (int) value;
    }

    public long asLong() {
        ScalarNode scalar = scalar("a whole number");
        try {
            return Long.parseLong(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + scalar.getValue() + "'");
        }
    }

    public double asDouble() {
        ScalarNode scalar = scalar("a number");
        try {
            return Double.parseDouble(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + scalar.getValue() + "'");
        }
    }

    public boolean asBoolean() {
        String value = scalar("true or false").getValue();
        return switch (value) {
            case "true", "True", "TRUE", "yes" -> true;
            case "false", "False", "FALSE", "no" -> false;
            default -> throw error("expected true or false, found '" + value + "'");
        };
    }

    public List<String> asStringList() {
        if (node instanceof ScalarNode) {
            return List.of(asString());
        }
        List<String> values = new ArrayList<>();
        for (ConfigNode item : asList()) {
            values.add(item.asString());
        }
        return List.copyOf(values);
    }

    public List<ConfigNode> asList() {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list");
        }
        List<ConfigNode> items = new ArrayList<>();
        List<Node> values = seq.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new ConfigNode(file, path + "[" + i + "]", values.get(i)));
        }
        return items;
    }

    /** The entries of a mapping, in file order. */
    public Map<String, ConfigNode> asMap() {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping().getValue()) {
            String key = keyOf(tuple);
            entries.put(key, new ConfigNode(file, childPath(key), tuple.getValueNode()));
        }
        return entries;
    }

    /**
     * This value as plain Java data (maps, lists, strings, longs, doubles, booleans, nulls), for free-form
     * parameters that a scorer validates itself.
     */
    public Object toPlain() {
        return plain(node);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toPlainMap() {
        if (!isMap()) {
            throw error("expected a mapping");
        }
        return (Map<String, Object>) toPlain();
    }

    private static Object plain(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                out.put(((ScalarNode) tuple.getKeyNode()).getValue(), plain(tuple.getValueNode()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                out.add(plain(item));
            }
            return Collections.unmodifiableList(out);
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                return Long.parseLong(value.replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(value.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }

    private MappingNode mapping() {
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping of fields");
        }
        return map;
    }

    private ScalarNode scalar(String expected) {
        if (!(node instanceof ScalarNode scalar) || isNull()) {
            throw error("expected " + expected);
        }
        return scalar;
    }

    private Node find(String key) {
        for (NodeTuple tuple : mapping().getValue()) {
            if (key.equals(keyOf(tuple))) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private String keyOf(NodeTuple tuple) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
            return key.getValue();
        }
        throw new ConfigNode(file, path, tuple.getKeyNode()).error("field names must be plain text");
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
