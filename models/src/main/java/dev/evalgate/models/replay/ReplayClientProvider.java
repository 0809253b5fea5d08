package dev.evalgate.models.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Json;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;

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
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, 0, "model", "replay file not found");
        }
        Map<String, List<RecordedOutput>> byCase = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                RecordedOutput recorded = parse(file, lineNo, line);
                byCase.computeIfAbsent(recorded.caseId(), k -> new ArrayList<>()).add(recorded);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read replay file: " + e.getMessage(), e);
        }
        return new ReplayClient(new ModelInfo("replay", file.toString(), ContentHash.sha256(file), 0), byCase);
    }

    private static RecordedOutput parse(Path file, int lineNo, String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, lineNo, null, "malformed JSON: " + e.getOriginalMessage());
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
        Integer repeat = node.hasNonNull("repeat") ? node.get("repeat").asInt() : null;
        return new RecordedOutput(id, repeat, output,
                node.path("prompt_tokens").asInt(stats.path("promptTokens").asInt(0)),
                node.path("completion_tokens").asInt(stats.path("completionTokens").asInt(0)),
                node.path("latency_ms").asDouble(stats.path("latencyMs").asDouble(0)));
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
