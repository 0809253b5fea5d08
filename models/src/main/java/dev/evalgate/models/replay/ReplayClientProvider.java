package dev.evalgate.models.replay;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.internal.Json;

/**
 * Backend {@code replay:FILE}: a JSONL file with one recorded output a line,
 * {@code {"id": "case-1", "output": "...", "repeat": 0, "prompt_tokens": 12, "completion_tokens": 30,
 * "latency_ms": 41.5}} ({@code repeat} and the numbers are optional). A {@code results.jsonl} of an earlier run is
 * accepted as well, so any run can be re-scored.
 */
public final class ReplayClientProvider implements ModelClientProvider {

    @Override
    public String backend() {
        return "replay";
    }

    @Override
    public String description() {
        return "replay: outputs recorded in a JSONL file (score-only runs)";
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        Path file = options.modelOverride().orElse(options.baseDirectory().resolve(ref.name()));
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, 0, "model", "replay file not found");
        }
        return open(file, new ReplayIndex.Builder(file));
    }

    /** Checks every line of the replay file and indexes it into {@code index}. */
    static ReplayClient open(Path file, ReplayIndex.Builder index) {
        // Every line is checked now, and only where it lies is kept: an output is read again when a case asks.
        // Hashed as it is read: the fingerprint costs no second pass over a large file.
        String sha256 = InputFiles.readLines(file, InputKind.REPLAY, (number, text, offset, length) -> {
            if (!text.isBlank()) {
                index.add(number, text, offset, length, parse(file, number, text));
            }
        });
        return new ReplayClient(new ModelInfo("replay", file.toString(), sha256, 0),
                index.build((number, text) -> parse(file, number, text)));
    }

    private static RecordedOutput parse(Path file, int lineNo, String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, lineNo, null, JsonProblems.problem(e));
        }
        if (!node.isObject()) {
            throw new InvalidInputException(file, lineNo, null, "expected a JSON object on each line");
        }
        String id = text(node, "id", "caseId");
        if (id == null) {
            throw new InvalidInputException(file, lineNo, "id", "missing case id");
        }
        String output = text(node, "output");
        if (output == null) {
            throw new InvalidInputException(file, lineNo, "output", "missing output");
        }
        JsonNode stats = node.path("stats");
        JsonNode repeat = node.get("repeat");
        if (repeat != null && !repeat.isNull() && (!repeat.canConvertToInt() || repeat.asInt() < 0)) {
            throw new InvalidInputException(file, lineNo, "repeat", "expected a whole number, 0 or more");
        }
        return new RecordedOutput(id, repeat == null || repeat.isNull() ? null : repeat.asInt(), output,
                count(file, lineNo, node, "prompt_tokens", stats, "promptTokens"),
                count(file, lineNo, node, "completion_tokens", stats, "completionTokens"),
                millis(file, lineNo, node, "latency_ms", stats, "latencyMs"));
    }

    /** A recorded number: the replay format's field, else the field of a results.jsonl line's stats. */
    private static JsonNode number(Path file, int lineNo, JsonNode node, String name, JsonNode stats,
                                   String statsName) {
        String field = node.has(name) ? name : "stats." + statsName;
        JsonNode value = node.has(name) ? node.get(name) : stats.get(statsName);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidInputException(file, lineNo, field, "expected a number");
        }
        if (value.asDouble() < 0 || !Double.isFinite(value.asDouble())) {
            throw new InvalidInputException(file, lineNo, field, "must be 0 or more, found " + value.asText());
        }
        return value;
    }

    private static int count(Path file, int lineNo, JsonNode node, String name, JsonNode stats, String statsName) {
        JsonNode value = number(file, lineNo, node, name, stats, statsName);
        if (value != null && (!value.canConvertToInt() || !value.isIntegralNumber())) {
            throw new InvalidInputException(file, lineNo, node.has(name) ? name : "stats." + statsName,
                    "expected a whole number");
        }
        return value == null ? 0 : value.asInt();
    }

    private static double millis(Path file, int lineNo, JsonNode node, String name, JsonNode stats,
                                 String statsName) {
        JsonNode value = number(file, lineNo, node, name, stats, statsName);
        return value == null ? 0 : value.asDouble();
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }
}
