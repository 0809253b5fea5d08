package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.EvalCase;

/**
 * deepset/prompt-injections as JSONL ({@code {"text", "label"}}, label 1 = injection). Only injections are imported,
 * as direct attacks in the user message; the benign rows (label 0) are counted and skipped. The id is
 * {@code deepset-ROW-HASH}: the 0-based row index in the file and a hash of the text.
 */
public final class DeepsetInjectionImporter implements CorpusImporter {

    @Override
    public ImportedCases read(Path source, ImportSettings settings) {
        RowProblems problems = new RowProblems();
        List<EvalCase> cases = new ArrayList<>();
        int row = -1;
        int benign = 0;
        for (SourceFiles.Line line : SourceFiles.lines(source, problems)) {
            row++;
            JsonNode node = SourceFiles.jsonLine(source, line, problems);
            if (node == null) {
                continue;
            }
            if (!node.isObject()) {
                problems.add(source, line.number(), null, "expected a JSON object {\"text\", \"label\"}");
                continue;
            }
            JsonNode text = node.get("text");
            JsonNode label = node.get("label");
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                problems.add(source, line.number(), "text", "expected a non-empty text");
                continue;
            }
            if (label == null || !label.isIntegralNumber() || label.asInt() < 0 || label.asInt() > 1) {
                problems.add(source, line.number(), "label", "expected 0 (benign) or 1 (injection)");
                continue;
            }
            if (label.asInt() == 0) {
                benign++;
                continue;
            }
            String attack = text.asText();
            String id = String.format(Locale.ROOT, "deepset-%04d-%s", row, StableId.hash8(attack));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", "deepset/prompt-injections");
            metadata.put("source_row", row);
            metadata.put("source_line", line.number());
            cases.add(InjectionCases.direct(id, attack, settings, AttackGoals.quotedGoals(attack),
                    AttackGoals.domainPatterns(attack), List.of("source:deepset"), metadata));
        }
        return new ImportedCases(cases, problems.list(),
                "deepset/prompt-injections, label 1 only (" + cases.size() + " injections; " + benign
                        + " benign rows skipped), each sent as the user message. Quoted texts the attack asks for"
                        + " become expected.attack_goal.",
                List.of("injection", "adversarial"));
    }
}
