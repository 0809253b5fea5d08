package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.EvalCase;

/**
 * IFEval's {@code input_data.jsonl} (Zhou et al., 2023): one {@code {key, prompt, instruction_id_list, kwargs}} a
 * line. The prompt becomes the plain-text input {@code input}; {@code instruction_id_list} and {@code kwargs} are
 * copied unchanged into {@code expected}, where the {@code ifeval} scorer reads them. The id is {@code ifeval-KEY}.
 */
public final class IfEvalImporter implements CorpusImporter {

    @Override
    public ImportedCases read(Path source, ImportSettings settings) {
        RowProblems problems = new RowProblems();
        List<EvalCase> cases = new ArrayList<>();
        Map<Long, Integer> lineOfKey = new HashMap<>();
        for (SourceFiles.Line line : SourceFiles.lines(source, problems)) {
            JsonNode row = SourceFiles.jsonLine(source, line, problems);
            if (row == null) {
                continue;
            }
            if (!row.isObject()) {
                problems.add(source, line.number(), null, "expected a JSON object {key, prompt, instruction_id_list,"
                        + " kwargs}");
                continue;
            }
            JsonNode key = row.get("key");
            if (key == null || !key.canConvertToLong() || !key.isIntegralNumber()) {
                problems.add(source, line.number(), "key", "expected a whole number");
                continue;
            }
            Integer earlier = lineOfKey.putIfAbsent(key.asLong(), line.number());
            if (earlier != null) {
                problems.add(source, line.number(), "key", "duplicate key " + key.asLong() + " (first on line "
                        + earlier + ")");
                continue;
            }
            JsonNode prompt = row.get("prompt");
            if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
                problems.add(source, line.number(), "prompt", "expected a non-empty text");
                continue;
            }
            JsonNode ids = row.get("instruction_id_list");
            if (ids == null || !ids.isArray() || ids.isEmpty() || !allText(ids)) {
                problems.add(source, line.number(), "instruction_id_list", "expected a non-empty list of instruction"
                        + " ids such as \"punctuation:no_comma\"");
                continue;
            }
            JsonNode kwargs = row.get("kwargs");
            if (kwargs == null || !kwargs.isArray() || !allObjects(kwargs)) {
                problems.add(source, line.number(), "kwargs", "expected a list of objects, one per instruction");
                continue;
            }
            if (kwargs.size() != ids.size()) {
                problems.add(source, line.number(), "kwargs", "has " + kwargs.size() + " entries but"
                        + " instruction_id_list has " + ids.size() + "; they must pair up");
                continue;
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("instruction_id_list", SourceFiles.JSON.convertValue(ids,
                    new TypeReference<List<Object>>() { }));
            expected.put("kwargs", SourceFiles.JSON.convertValue(kwargs, new TypeReference<List<Object>>() { }));
            Set<String> tags = new LinkedHashSet<>();
            tags.add("ifeval");
            for (JsonNode id : ids) {
                String group = id.asText().contains(":") ? id.asText().substring(0, id.asText().indexOf(':'))
                        : id.asText();
                tags.add("ifeval:" + group);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source_key", key.asLong());
            metadata.put("source_line", line.number());
            cases.add(new EvalCase("ifeval-" + key.asLong(), Map.of("input", prompt.asText()), expected,
                    List.copyOf(tags), metadata));
        }
        return new ImportedCases(cases, problems.list(),
                "IFEval prompts with verifiable instructions; expected.instruction_id_list and expected.kwargs are"
                        + " IFEval's own, scored by the 'ifeval' scorer (strict or loose mode).",
                List.of("ifeval", "instruction-following"));
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }
}
