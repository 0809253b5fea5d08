package dev.evalgate.datasets.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Production traces exported as OTLP JSON (an {@code ExportTraceServiceRequest}: {@code resourceSpans[].
 * scopeSpans[].spans[]}, one document or one a line as the Collector's file exporter writes them), streamed span by
 * span. Each span of a model call (OpenTelemetry GenAI semantic conventions: a {@code gen_ai.*} attribute) becomes
 * a case: its prompt as {@code input.messages}, its completion as {@code expected.reference} to be reviewed (tag {@code needs-review},
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
        InputFiles.checkReadable(source, InputKind.IMPORT_SOURCE);
        Counts counts = new Counts();
        // Streamed: only one span (and the spans of one resource met before its attributes) is held at a time, so
        // an export of any size is read in a small heap. Jackson detects the encoding and skips a byte-order mark.
        try (InputStream in = Files.newInputStream(source); JsonParser parser = SourceFiles.JSON.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT || !readRequest(parser, source, idPrefix, sink, counts)) {
                    throw new InvalidInputException(source, line, "resourceSpans", "not an OTLP JSON trace export"
                            + " (expected {\"resourceSpans\": [...]})");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InvalidInputException(source, where == null ? 0 : where.getLineNr(), null,
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InputFiles.unreadable(source, e);
        }
        if (counts.other > 0 || !counts.skipped.isEmpty()) {
            sink.note(source + ": left out " + counts.other + " span(s) without gen_ai attributes (HTTP, database and"
                    + " other work)" + (counts.skipped.isEmpty() ? "" : " and GenAI spans that are not model calls "
                    + counts.skipped));
        }
    }

    /** Spans left out: without gen_ai attributes, and GenAI spans that are no model call, by operation. */
    private static final class Counts {
        int other;
        final Map<String, Integer> skipped = new TreeMap<>();
    }

    /** A span read before its resource's attributes (a writer may put {@code resource} after the spans). */
    private record PendingSpan(int line, JsonNode span) {
    }

    /** Reads one export request from its opening brace; false when it has no {@code resourceSpans} list. */
    private boolean readRequest(JsonParser parser, Path source, String idPrefix, RowSink sink, Counts counts)
            throws IOException {
        boolean found = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("resourceSpans") && value == JsonToken.START_ARRAY) {
                found = true;
                while (nextObject(parser)) {
                    readResource(parser, source, idPrefix, sink, counts);
                }
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private void readResource(JsonParser parser, Path source, String idPrefix, RowSink sink, Counts counts)
            throws IOException {
        Map<String, Object> resource = null;
        List<PendingSpan> pending = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("resource")) {
                JsonNode node = parser.readValueAsTree();
                resource = attributes(node == null ? null : node.path("attributes"));
                for (PendingSpan span : pending) {
                    emit(source, span.line(), span.span(), resource, idPrefix, sink, counts);
                }
                pending.clear();
            } else if (field.equals("scopeSpans") && value == JsonToken.START_ARRAY) {
                while (nextObject(parser)) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String scopeField = parser.currentName();
                        JsonToken scopeValue = parser.nextToken();
                        if (scopeField.equals("spans") && scopeValue == JsonToken.START_ARRAY) {
                            while (nextObject(parser)) {
                                int line = parser.currentTokenLocation().getLineNr();
                                JsonNode span = parser.readValueAsTree();
                                if (resource == null) {
                                    pending.add(new PendingSpan(line, span));
                                } else {
                                    emit(source, line, span, resource, idPrefix, sink, counts);
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        for (PendingSpan span : pending) {
            emit(source, span.line(), span.span(), Map.of(), idPrefix, sink, counts);
        }
    }

    /** Moves to the next object of the array the parser is in; skips other values; false at the array's end. */
    private static boolean nextObject(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return false;
            }
            if (token == JsonToken.START_OBJECT) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static void emit(Path source, int line, JsonNode span, Map<String, Object> resource, String idPrefix,
                             RowSink sink, Counts counts) {
        try {
            EvalCase c = spanCase(source, line, span, resource, idPrefix, counts);
            if (c != null) {
                sink.accept(line, c);
            }
        } catch (InvalidInputException e) {
            sink.problem(e);
        }
    }

    private static EvalCase spanCase(Path source, int line, JsonNode span, Map<String, Object> resource,
                                     String idPrefix, Counts counts) {
        Map<String, Object> attributes = attributes(span.path("attributes"));
        boolean genAi = attributes.keySet().stream().anyMatch(k -> k.startsWith("gen_ai."));
        if (!genAi) {
            counts.other++;
            return null;
        }
        String operation = String.valueOf(attributes.getOrDefault("gen_ai.operation.name", "chat"));
        if (NOT_A_CALL.contains(operation)) {
            counts.skipped.merge(operation, 1, Integer::sum);
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
        if (list == null) {
            return out;
        }
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
