package dev.evalgate.models.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.ModelRequest;

/**
 * Fills a service's body template with one model request. A string that is exactly one {@code {{name}}} becomes the
 * variable's JSON value (a number stays a number, {@code messages} an array); elsewhere variables are replaced
 * inside the string in a single pass, so a value that itself contains {@code {{...}}} is never read as a variable.
 * The body is built as a JSON tree and serialised by Jackson, so every value is JSON-escaped however hostile the
 * corpus text is.
 *
 * <p>Variables: {@code prompt} (the rendered last user message: the bundle's template decides what the service
 * receives), {@code system}, {@code messages} (the chat as {@code [{"role", "content"}]}), {@code temperature},
 * {@code top_p}, {@code max_tokens}, {@code seed}, {@code stop}, {@code trace_id}, and {@code input.NAME}: the case's
 * own input variable {@code NAME} as the corpus holds it (a string, number, list or object), so a service that takes
 * structured fields gets them without a prompt template in between.
 */
final class RequestTemplate {
    static final Pattern VARIABLE =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*}}");
    /** {@code {{input.NAME}}}: the case's own input variable, as the corpus holds it. */
    static final String INPUT_PREFIX = "input.";
    static final List<String> NAMES = List.of("prompt", "system", "messages", "temperature", "top_p", "max_tokens",
            "seed", "stop", "trace_id");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper VALUES =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private RequestTemplate() {
    }

    /** The names in the template that are not variables, so a typo fails when the file is read. */
    static List<String> unknownVariables(Object template) {
        List<String> unknown = new java.util.ArrayList<>();
        visitStrings(template, text -> {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                boolean input = name.startsWith(INPUT_PREFIX) && name.indexOf('.', INPUT_PREFIX.length()) < 0;
                if (!NAMES.contains(name) && !input) {
                    unknown.add(matcher.group(1));
                }
            }
        });
        return unknown;
    }

    /** The case input variables the template names ({@code question} for {@code {{input.question}}}). */
    static java.util.Set<String> inputNames(Object template) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        visitStrings(template, text -> {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                if (matcher.group(1).startsWith(INPUT_PREFIX)) {
                    names.add(matcher.group(1).substring(INPUT_PREFIX.length()));
                }
            }
        });
        return names;
    }

    static Map<String, JsonNode> variables(ModelRequest request) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("prompt", NODES.textNode(request.lastUserMessage()));
        values.put("system", NODES.textNode(request.system()));
        ArrayNode messages = NODES.arrayNode();
        if (!request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        values.put("messages", messages);
        values.put("temperature", NODES.numberNode(request.params().temperature()));
        values.put("top_p", NODES.numberNode(request.params().topP()));
        values.put("max_tokens", NODES.numberNode(request.params().maxTokens()));
        values.put("seed", NODES.numberNode(request.params().seed()));
        ArrayNode stop = NODES.arrayNode();
        request.params().stop().forEach(stop::add);
        values.put("stop", stop);
        values.put("trace_id", NODES.textNode(request.traceId()));
        // Jackson turns the corpus value into a tree, so it is escaped like every other value when written.
        request.input().forEach((name, value) -> values.put(INPUT_PREFIX + name, VALUES.valueToTree(value)));
        return values;
    }

    static JsonNode render(Object template, Map<String, JsonNode> variables) {
        if (template instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, value) -> object.set(String.valueOf(key), render(value, variables)));
            return object;
        }
        if (template instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(render(item, variables)));
            return array;
        }
        if (template instanceof String text) {
            Matcher whole = VARIABLE.matcher(text);
            if (whole.matches()) {
                return variables.get(whole.group(1));
            }
            return NODES.textNode(fill(text, variables));
        }
        if (template == null) {
            return NODES.nullNode();
        }
        if (template instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (template instanceof Number number) {
            return number instanceof Double || number instanceof Float ? NODES.numberNode(number.doubleValue())
                    : NODES.numberNode(number.longValue());
        }
        return NODES.textNode(String.valueOf(template));
    }

    /** Replaces each variable in the text by its value as text (a string's content, other values as JSON). */
    static String fill(String text, Map<String, JsonNode> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = variables.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText() : value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void visitStrings(Object template, java.util.function.Consumer<String> visitor) {
        if (template instanceof Map<?, ?> map) {
            map.values().forEach(value -> visitStrings(value, visitor));
        } else if (template instanceof List<?> list) {
            list.forEach(item -> visitStrings(item, visitor));
        } else if (template instanceof String text) {
            visitor.accept(text);
        }
    }
}
