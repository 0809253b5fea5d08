package dev.evalgate.judges.format.ifeval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkers against the reference implementation's verdicts on GPT-4's published IFEval responses
 * ({@code validation-dev/ifeval}): instruction by instruction, in both modes.
 */
class IfEvalAgreementTest {

    record Row(int key, String prompt, String response, List<String> instruction_id_list,
            List<Map<String, Object>> kwargs, List<Boolean> strict, List<Boolean> loose) {
    }

    static List<Row> devRows() throws IOException {
        String shared = System.getProperty("evalgate.shared.dir");
        assertThat(shared).as("system property evalgate.shared.dir (the root pom sets it for surefire)").isNotBlank();
        Path file = Path.of(shared, "validation-dev", "ifeval", "gpt4-responses-dev.jsonl");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(Json.MAPPER.readValue(line, new TypeReference<Row>() { }));
            }
        }
        return rows;
    }

    @Test
    void agreesWithTheReferenceInstructionByInstruction() throws IOException {
        List<Row> rows = devRows();
        int total = 0;
        int strictAgree = 0;
        int looseAgree = 0;
        Map<String, List<String>> disagreements = new TreeMap<>();
        for (Row row : rows) {
            List<IfEvalScorer.InstructionResult> results = IfEvalScorer.check(
                    InstructionCatalog.buildAll(row.instruction_id_list(), row.kwargs()), row.response());
            for (int i = 0; i < results.size(); i++) {
                total++;
                IfEvalScorer.InstructionResult r = results.get(i);
                boolean s = r.strict() == row.strict().get(i);
                boolean l = r.loose() == row.loose().get(i);
                strictAgree += s ? 1 : 0;
                looseAgree += l ? 1 : 0;
                if (!s || !l) {
                    disagreements.computeIfAbsent(r.id(), k -> new ArrayList<>()).add("key " + row.key()
                            + " kwargs " + row.kwargs().get(i) + " ours " + r.strict() + "/" + r.loose()
                            + " reference " + row.strict().get(i) + "/" + row.loose().get(i));
                }
            }
        }
        System.out.printf("IFEval agreement: strict %d/%d (%.2f%%), loose %d/%d (%.2f%%)%n", strictAgree, total,
                100.0 * strictAgree / total, looseAgree, total, 100.0 * looseAgree / total);
        disagreements.forEach((id, list) -> list.forEach(d -> System.out.println("  " + id + ": " + d)));
        assertThat(100.0 * strictAgree / total).isGreaterThanOrEqualTo(99.5);
        assertThat(100.0 * looseAgree / total).isGreaterThanOrEqualTo(99.5);
    }
}
