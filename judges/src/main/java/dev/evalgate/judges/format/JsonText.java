package dev.evalgate.judges.format;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.evalgate.engine.internal.Json;

/**
 * Finds and parses the JSON document in an output: the whole output, or (when allowed) the first fenced
 * {@code ```json} code block. Parsing is strict: one value, no trailing text, Jackson's nesting and size limits.
 */
public final class JsonText {
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*(?:json|JSON|Json)?[ \\t]*\\r?\\n(.*?)\\r?\\n?```",
            Pattern.DOTALL);
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The parsed document, or the reason it could not be parsed. */
    public record Parsed(JsonNode node, String problem, boolean fenced) {
        public boolean ok() {
            return node != null;
        }
    }

    private JsonText() {
    }

    public static Parsed parse(String output, boolean allowFenced) {
        Parsed whole = parseStrict(output);
        if (whole.ok() || !allowFenced) {
            return whole;
        }
        Optional<String> block = fencedBlock(output);
        if (block.isEmpty()) {
            return new Parsed(null, whole.problem() + " (and no ```json code block was found)", false);
        }
        Parsed inner = parseStrict(block.get());
        return inner.ok() ? new Parsed(inner.node(), null, true)
                : new Parsed(null, "the ```json code block is not valid JSON: " + inner.problem(), true);
    }

    static Optional<String> fencedBlock(String output) {
        Matcher m = FENCE.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Parsed parseStrict(String text) {
        if (text.isBlank()) {
            return new Parsed(null, "the output is empty", false);
        }
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                return new Parsed(null, "the output holds no JSON value", false);
            }
            return new Parsed(node, null, false);
        } catch (JsonProcessingException e) {
            return new Parsed(null, describe(e), false);
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return e.getLocation() == null ? "not valid JSON: " + message
                : "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                        + ": " + message;
    }
}
