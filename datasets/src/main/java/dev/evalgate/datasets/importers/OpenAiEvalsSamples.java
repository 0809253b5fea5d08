package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * OpenAI Evals samples ({@code evals/registry/data/NAME/samples.jsonl}): each line {@code {"input": [chat
 * messages] or "prompt text", "ideal": "answer" or ["answers"]}}. The messages become the case's chat
 * ({@code input.messages}), {@code ideal} its reference(s); other fields (used by model-graded templates) go to
 * metadata. Ids are a hash of input and ideal, so re-importing a grown file keeps every id.
 */
final class OpenAiEvalsSamples implements RecordReader {
    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        int[] withoutIdeal = {0};
        SourceLineReader.forEach(source, InputKind.IMPORT_SOURCE, sink, (line, text) -> {
            try {
                JsonNode row = parse(source, line, text);
                Map<String, Object> input = new LinkedHashMap<>();
                JsonNode in = row.get("input");
                if (in == null || in.isNull()) {
                    throw new InvalidInputException(source, line, "input", "missing 'input' (chat messages or a"
                            + " prompt text)");
                }
                if (in.isTextual()) {
                    input.put("input", in.asText());
                } else if (in.isArray()) {
                    input.put("messages", messages(source, line, in));
                } else {
                    throw new InvalidInputException(source, line, "input", "expected a list of chat messages or a"
                            + " text");
                }
                Map<String, Object> expected = new LinkedHashMap<>();
                JsonNode ideal = row.get("ideal");
                if (ideal == null || ideal.isNull()) {
                    withoutIdeal[0]++;
                } else if (ideal.isValueNode()) {
                    expected.put("reference", ideal.asText());
                } else if (ideal.isArray()) {
                    List<String> references = new ArrayList<>();
                    for (JsonNode item : ideal) {
                        if (!item.isValueNode()) {
                            throw new InvalidInputException(source, line, "ideal", "expected a text or a list of"
                                    + " texts");
                        }
                        references.add(item.asText());
                    }
                    expected.put(references.size() == 1 ? "reference" : "references",
                            references.size() == 1 ? references.get(0) : references);
                } else {
                    throw new InvalidInputException(source, line, "ideal", "expected a text or a list of texts");
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().equals("input") && !field.getKey().equals("ideal")) {
                        metadata.put(field.getKey(), SourceFiles.JSON.convertValue(field.getValue(), Object.class));
                    }
                }
                metadata.put("source_line", line);
                String id = idPrefix + FieldMapping.contentHash(input, expected, List.of());
                sink.accept(line, new dev.evalgate.datasets.EvalCase(id, input, expected, List.of(), metadata));
            } catch (InvalidInputException e) {
                sink.problem(e);
            }
        });
        if (withoutIdeal[0] > 0) {
            sink.note(source + ": " + withoutIdeal[0] + " sample(s) have no 'ideal' (model-graded evals); imported"
                    + " without a reference, so only scorers that need none apply to them");
        }
    }

    static JsonNode parse(Path source, int line, String text) {
        JsonNode row;
        try {
            row = SourceFiles.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw SourceFiles.malformedLine(source, line, e);
        }
        if (!row.isObject()) {
            throw new InvalidInputException(source, line, null, "expected a JSON object on each line");
        }
        return row;
    }

    private static List<Map<String, Object>> messages(Path source, int line, JsonNode list) {
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        for (JsonNode message : list) {
            String field = "input[" + i++ + "]";
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new InvalidInputException(source, line, field, "expected a message {\"role\": ...,"
                        + " \"content\": ...}");
            }
            JsonNode content = message.get("content");
            String text;
            if (content != null && content.isTextual()) {
                text = content.asText();
            } else if (content != null && content.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.path("type").asText().equals("text") && part.path("text").isTextual()) {
                        joined.append(joined.length() == 0 ? "" : "\n").append(part.path("text").asText());
                    }
                }
                if (joined.length() == 0) {
                    throw new InvalidInputException(source, line, field + ".content", "the message has no text part"
                            + " (images and audio cannot be evaluated as text)");
                }
                text = joined.toString();
            } else {
                throw new InvalidInputException(source, line, field + ".content", "expected the message's text");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", message.get("role").asText());
            m.put("content", text);
            out.add(m);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(source, line, "input", "the chat has no messages");
        }
        return out;
    }
}
