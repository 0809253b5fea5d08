package dev.evalgate.datasets.importers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Production traces exported as OTLP JSON (an {@code ExportTraceServiceRequest}: {@code resourceSpans[].
 * scopeSpans[].spans[]}, one document or one a line as the Collector's file exporter writes them). Each span of a
 * model call (OpenTelemetry GenAI semantic conventions: a {@code gen_ai.*} attribute) becomes a case: its prompt as
 * {@code input.messages}, its completion as {@code expected.reference} to be reviewed (tag {@code needs-review},
 * plus {@code production}), and model, trace and span ids in metadata.
 *
 * <p>The prompt and completion are read from whichever form the instrumentation wrote: the
 * {@code gen_ai.input.messages} / {@code gen_ai.output.messages} attributes (JSON, messages of {@code parts})
 * with {@code gen_ai.system_instructions}; the per-message events {@code gen_ai.system.message},
 * {@code gen_ai.user.message}, {@code gen_ai.assistant.message} and {@code gen_ai.choice}; the older
 * {@code gen_ai.content.prompt} / {@code gen_ai.content.completion} events; or indexed attributes
 * {@code gen_ai.prompt.N.role/content} and {@code gen_ai.completion.N.content}. A model-call span that carries no
 * prompt (content capture was off) is a bad row; embedding and tool spans, and spans of other kinds, are counted
 * and left out.
 */
final class OtlpGenAiSpans implements RecordReader {
    private static final List<String> NOT_A_CALL = List.of("embeddings", "execute_tool");

    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        String text = InputFiles.readText(source, InputKind.IMPORT_SOURCE);
        int[] other = {0};
        Map<String, Integer> skipped = new TreeMap<>();
        try (JsonParser parser = SourceFiles.JSON.getFactory().createParser(text);
             MappingIterator<JsonNode> documents = SourceFiles.JSON.readerFor(JsonNode.class).readValues(parser)) {
            while (true) {
                JsonLocation start;
                JsonNode document;
                try {
                    if (!documents.hasNextValue()) {
                        break;
                    }
                    start = parser.currentTokenLocation();
                    document = documents.nextValue();
                } catch (IOException e) {
                    JsonLocation where = e instanceof JsonProcessingException p ? p.getLocation() : null;
                    throw new InvalidInputException(source, where == null ? 0 : where.getLineNr(), null,
                            "malformed JSON: " + (e instanceof JsonProcessingException p ? p.getOriginalMessage()
                                    : e.getMessage()));
                }
                int offset = (int) start.getCharOffset();
                int firstLine = start.getLineNr();
                Map<String, Integer> lines = SourceFiles.valueLines(text.substring(offset,
                        (int) Math.min(text.length(), parser.currentLocation().getCharOffset())));
                readDocument(source, document, firstLine, lines, idPrefix, sink, other, skipped);
            }
        } catch (IOException e) {
            throw new InvalidInputException(source, 0, null, "cannot read as JSON: " + e.getMessage(), e);
        }
        if (other[0] > 0 || !skipped.isEmpty()) {
            sink.note(source + ": left out " + other[0] + " span(s) without gen_ai attributes (HTTP, database and"
                    + " other work)" + (skipped.isEmpty() ? "" : " and GenAI spans that are not model calls "
                    + skipped));
        }
    }

    private void readDocument(Path source, JsonNode document, int firstLine, Map<String, Integer> lines,
                              String idPrefix, RowSink sink, int[] other, Map<String, Integer> skipped) {
        if (!document.isObject() || !document.has("resourceSpans")) {
            throw new InvalidInputException(source, firstLine, "resourceSpans", "not an OTLP JSON trace export"
                    + " (expected {\"resourceSpans\": [...]})");
        }
        JsonNode resources = document.get("resourceSpans");
        for (int r = 0; r < resources.size(); r++) {
            JsonNode resource = resources.get(r);
            Map<String, Object> resourceAttributes = attributes(resource.path("resource").path("attributes"));
            JsonNode scopes = resource.path("scopeSpans");
            for (int s = 0; s < scopes.size(); s++) {
                JsonNode spans = scopes.get(s).path("spans");
                for (int i = 0; i < spans.size(); i++) {
                    String pointer = "/resourceSpans/" + r + "/scopeSpans/" + s + "/spans/" + i;
                    int line = firstLine - 1 + lines.getOrDefault(pointer, 1);
                    try {
                        EvalCase c = spanCase(source, line, spans.get(i), resourceAttributes, idPrefix, other,
                                skipped);
                        if (c != null) {
                            sink.accept(line, c);
                        }
                    } catch (InvalidInputException e) {
                        sink.problem(e);
                    }
                }
            }
        }
    }

    private static EvalCase spanCase(Path source, int line, JsonNode span, Map<String, Object> resource,
                                     String idPrefix, int[] other, Map<String, Integer> skipped) {
        Map<String, Object> attributes = attributes(span.path("attributes"));
        boolean genAi = attributes.keySet().stream().anyMatch(k -> k.startsWith("gen_ai."));
        if (!genAi) {
            other[0]++;
            return null;
        }
        String operation = String.valueOf(attributes.getOrDefault("gen_ai.operation.name", "chat"));
        if (NOT_A_CALL.contains(operation)) {
            skipped.merge(operation, 1, Integer::sum);
            return null;
        }
        String spanId = span.path("spanId").asText("");
        String name = span.path("name").asText("");
        if (!spanId.matches("[0-9a-fA-F]{16}")) {
            throw new InvalidInputException(source, line, "spanId", "span '" + name + "' has no 16-digit hex spanId");
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        String output = null;
        Object inputMessages = json(attributes.get("gen_ai.input.messages"));
        if (inputMessages instanceof List<?> list) {
            Object system = json(attributes.get("gen_ai.system_instructions"));
            if (system instanceof List<?> parts && !partsText(parts).isEmpty()) {
                messages.add(message("system", partsText(parts)));
            }
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    String content = m.get("parts") instanceof List<?> parts ? partsText(parts)
                            : m.get("content") == null ? "" : String.valueOf(m.get("content"));
                    messages.add(message(String.valueOf(m.get("role")), content));
                }
            }
        }
        Object outputMessages = json(attributes.get("gen_ai.output.messages"));
        if (outputMessages instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            output = first.get("parts") instanceof List<?> parts ? partsText(parts)
                    : first.get("content") == null ? null : String.valueOf(first.get("content"));
        }
        for (JsonNode event : span.path("events")) {
            String eventName = event.path("name").asText("");
            Map<String, Object> eventAttributes = attributes(event.path("attributes"));
            if (inputMessages == null && eventName.matches("gen_ai\\.(system|user|assistant|tool)\\.message")) {
                Object content = json(eventAttributes.get("content"));
                messages.add(message(eventName.substring("gen_ai.".length(), eventName.length() - ".message".length()),
                        content == null ? "" : String.valueOf(content)));
            } else if (eventName.equals("gen_ai.content.prompt") && messages.isEmpty()) {
                Object prompt = json(eventAttributes.get("gen_ai.prompt"));
                if (prompt instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> m) {
                            messages.add(message(String.valueOf(m.get("role")), String.valueOf(m.get("content"))));
                        }
                    }
                } else if (prompt != null) {
                    messages.add(message("user", String.valueOf(prompt)));
                }
            } else if (eventName.equals("gen_ai.choice") && output == null) {
                Object message = json(eventAttributes.get("message"));
                output = message instanceof Map<?, ?> m && m.get("content") != null ? String.valueOf(m.get("content"))
                        : eventAttributes.get("content") != null ? String.valueOf(eventAttributes.get("content"))
                        : null;
            } else if (eventName.equals("gen_ai.content.completion") && output == null) {
                Object completion = json(eventAttributes.get("gen_ai.completion"));
                if (completion instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
                    output = String.valueOf(m.get("content"));
                } else if (completion != null) {
                    output = String.valueOf(completion);
                }
            }
        }
        if (messages.isEmpty()) {
            for (int i = 0; attributes.get("gen_ai.prompt." + i + ".content") != null; i++) {
                Object role = attributes.get("gen_ai.prompt." + i + ".role");
                messages.add(message(role == null ? "user" : String.valueOf(role),
                        String.valueOf(attributes.get("gen_ai.prompt." + i + ".content"))));
            }
        }
        if (output == null && attributes.get("gen_ai.completion.0.content") != null) {
            output = String.valueOf(attributes.get("gen_ai.completion.0.content"));
        }
        messages.removeIf(m -> String.valueOf(m.get("content")).isEmpty());
        if (messages.isEmpty()) {
            throw new InvalidInputException(source, line, "gen_ai.input.messages", "span '" + name + "' ("
                    + spanId + ") is a model call but carries no prompt: the instrumentation recorded no message"
                    + " content (turn content capture on, e.g."
                    + " OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)");
        }
        Map<String, Object> input = Map.of("messages", messages);
        Map<String, Object> expected = output == null || output.isEmpty() ? Map.of() : Map.of("reference", output);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trace_id", span.path("traceId").asText(""));
        metadata.put("span_id", spanId);
        metadata.put("span_name", name);
        putIfPresent(metadata, "model", attributes.getOrDefault("gen_ai.response.model",
                attributes.get("gen_ai.request.model")));
        putIfPresent(metadata, "provider", attributes.getOrDefault("gen_ai.provider.name",
                attributes.get("gen_ai.system")));
        putIfPresent(metadata, "service", resource.get("service.name"));
        putIfPresent(metadata, "finish_reasons", attributes.get("gen_ai.response.finish_reasons"));
        putIfPresent(metadata, "start_time_unix_nano", span.path("startTimeUnixNano").asText(null));
        if (span.path("status").path("code").asInt(0) == 2) {
            metadata.put("status", "error");
        }
        metadata.put("source_line", line);
        List<String> tags = output == null ? List.of("production") : List.of("production", "needs-review");
        return new EvalCase(idPrefix + "span-" + spanId.toLowerCase(java.util.Locale.ROOT), input, expected, tags,
                metadata);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    /** The text parts of a message joined by line breaks ({@code {"type": "text", "content": "..."}}). */
    private static String partsText(List<?> parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> p && "text".equals(p.get("type")) && p.get("content") != null) {
                out.append(out.length() == 0 ? "" : "\n").append(p.get("content"));
            }
        }
        return out.toString();
    }

    /** An attribute that holds JSON text (messages) parsed; other values as they are. */
    private static Object json(Object value) {
        if (value instanceof String text && (text.startsWith("[") || text.startsWith("{"))) {
            try {
                return SourceFiles.JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                return text;
            }
        }
        return value;
    }

    /** OTLP {@code [{key, value: {stringValue|intValue|doubleValue|boolValue|arrayValue|kvlistValue}}]}. */
    static Map<String, Object> attributes(JsonNode list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode attribute : list) {
            out.put(attribute.path("key").asText(), anyValue(attribute.path("value")));
        }
        return out;
    }

    private static Object anyValue(JsonNode value) {
        if (value.has("stringValue")) {
            return value.get("stringValue").asText();
        }
        if (value.has("intValue")) {
            return value.get("intValue").asLong();
        }
        if (value.has("doubleValue")) {
            return value.get("doubleValue").asDouble();
        }
        if (value.has("boolValue")) {
            return value.get("boolValue").asBoolean();
        }
        if (value.has("arrayValue")) {
            List<Object> items = new ArrayList<>();
            value.path("arrayValue").path("values").forEach(v -> items.add(anyValue(v)));
            return items;
        }
        if (value.has("kvlistValue")) {
            return attributes(value.path("kvlistValue").path("values"));
        }
        return null;
    }
}
