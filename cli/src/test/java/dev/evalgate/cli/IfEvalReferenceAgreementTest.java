package dev.evalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole pipeline against IFEval's reference implementation: GPT-4's published responses to 270 IFEval prompts
 * ({@code validation-dev/ifeval}) are imported as a corpus, replayed as the model's outputs and scored by the
 * {@code ifeval} scorer in both modes; every instruction's verdict is compared with the reference's, and the run's
 * IFEval accuracies with the reference's figures.
 */
class IfEvalReferenceAgreementTest {
    /** The reference's accuracies on these 270 prompts (validation-dev/README.md), in percent. */
    static final double PROMPT_STRICT = 74.44;
    static final double INSTRUCTION_STRICT = 81.45;
    static final double PROMPT_LOOSE = 77.78;
    static final double INSTRUCTION_LOOSE = 83.96;

    @TempDir
    Path tmp;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reference(List<String> instruction_id_list, List<Boolean> strict, List<Boolean> loose) {
    }

    private static Path devFile() {
        String shared = System.getProperty("evalgate.shared.dir");
        assertThat(shared).as("system property evalgate.shared.dir (the root pom sets it for surefire)").isNotBlank();
        Path file = Path.of(shared, "validation-dev", "ifeval", "gpt4-responses-dev.jsonl");
        assertThat(file).isRegularFile();
        return file;
    }

    @Test
    void theReplayedRunAgreesWithTheReferenceInstructionByInstruction() throws IOException {
        Path dev = devFile();
        Map<String, Reference> reference = new HashMap<>();
        StringBuilder outputs = new StringBuilder();
        for (String line : Files.readAllLines(dev)) {
            JsonNode row = Json.MAPPER.readTree(line);
            String id = "ifeval-" + row.get("key").asLong();
            reference.put(id, Json.MAPPER.convertValue(row, Reference.class));
            outputs.append(Json.MAPPER.writeValueAsString(Map.of("id", id, "output", row.get("response").asText())))
                    .append('\n');
        }
        assertThat(reference).hasSize(270);

        // The reference's own figures, recomputed from its verdicts, are the ones the README states.
        assertThat(accuracies(reference)).containsExactly(PROMPT_STRICT, INSTRUCTION_STRICT, PROMPT_LOOSE,
                INSTRUCTION_LOOSE);

        CliFixture.Outcome imported = CliFixture.runCli("datasets", "import", "--format", "ifeval", dev.toString(),
                "--out", tmp.resolve("corpus").toString(), "--name", "ifeval-dev", "--version", "1.0.0");
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        Files.writeString(tmp.resolve("outputs.jsonl"), outputs);
        Files.writeString(tmp.resolve("bundle.yaml"), String.join("\n",
                "id: gpt4-replay", "version: 1.0.0", "model: replay:outputs.jsonl", "template: \"{{input}}\"", ""));
        Files.writeString(tmp.resolve("suite.yaml"), String.join("\n",
                "name: ifeval-dev",
                "bundle: bundle.yaml",
                "corpora: [corpus]",
                "scorers:",
                "  - {name: ifeval-strict, type: ifeval, params: {mode: strict}}",
                "  - {name: ifeval-loose, type: ifeval, params: {mode: loose}}",
                "output: runs", ""));

        CliFixture.Outcome run = CliFixture.runCli("run", tmp.resolve("suite.yaml").toString(), "--no-cache");
        assertThat(run.code()).as(run.out() + run.err()).isIn(0, 1);
        Path runDir;
        try (var dirs = Files.list(tmp.resolve("runs"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        RunResult result = RunStore.read(runDir);
        assertThat(result.results()).hasSize(270).allSatisfy(r -> assertThat(r.error()).isNull());

        int total = 0;
        int strictAgree = 0;
        int looseAgree = 0;
        Map<String, List<String>> disagreements = new TreeMap<>();
        for (CaseResult r : result.results()) {
            Reference ref = reference.get(r.caseId());
            Score score = r.score("ifeval-strict").orElseThrow();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) score.details().get("instructions");
            assertThat(rows).extracting(row -> row.get("id")).as(r.caseId())
                    .containsExactlyElementsOf(ref.instruction_id_list());
            for (int i = 0; i < rows.size(); i++) {
                total++;
                boolean strict = rows.get(i).get("strict").equals(ref.strict().get(i));
                boolean loose = rows.get(i).get("loose").equals(ref.loose().get(i));
                strictAgree += strict ? 1 : 0;
                looseAgree += loose ? 1 : 0;
                if (!strict || !loose) {
                    disagreements.computeIfAbsent(ref.instruction_id_list().get(i), k -> new ArrayList<>())
                            .add(r.caseId());
                }
            }
        }
        assertThat(total).isEqualTo(399);
        // keywords:letter_frequency with letter '!' (ifeval-1129): the reference replaced it with a random letter.
        assertThat(100.0 * strictAgree / total).as("strict agreement; disagreements %s", disagreements)
                .isGreaterThanOrEqualTo(99.5);
        assertThat(100.0 * looseAgree / total).as("loose agreement; disagreements %s", disagreements)
                .isGreaterThanOrEqualTo(99.5);

        // IFEval's four accuracies, as the run reports them: the CLI summary and report.json.
        JsonNode figures = Json.MAPPER.readTree(runDir.resolve("report.json").toFile()).get("ifeval");
        assertThat(figures).hasSize(2);
        for (JsonNode f : figures) {
            assertThat(f.get("prompts").asInt()).isEqualTo(270);
            assertThat(f.get("instructions").asInt()).isEqualTo(399);
            assertThat(100 * f.get("promptLevelStrict").asDouble()).isCloseTo(PROMPT_STRICT, within(0.5));
            assertThat(100 * f.get("instructionLevelStrict").asDouble()).isCloseTo(INSTRUCTION_STRICT, within(0.5));
            assertThat(100 * f.get("promptLevelLoose").asDouble()).isCloseTo(PROMPT_LOOSE, within(0.5));
            assertThat(100 * f.get("instructionLevelLoose").asDouble()).isCloseTo(INSTRUCTION_LOOSE, within(0.5));
        }
        assertThat(run.out()).contains("IFEval prompt-level strict").contains("(270 prompts, 399 instructions)");
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("id=\"ifeval-title\"");
    }

    /** Prompt- and instruction-level accuracy, strict and loose, in percent rounded to two places. */
    private static List<Double> accuracies(Map<String, Reference> reference) {
        int prompts = reference.size();
        int instructions = 0;
        int[] followed = new int[4];
        for (Reference ref : reference.values()) {
            instructions += ref.strict().size();
            followed[0] += ref.strict().contains(false) ? 0 : 1;
            followed[1] += (int) ref.strict().stream().filter(b -> b).count();
            followed[2] += ref.loose().contains(false) ? 0 : 1;
            followed[3] += (int) ref.loose().stream().filter(b -> b).count();
        }
        return List.of(round(followed[0], prompts), round(followed[1], instructions), round(followed[2], prompts),
                round(followed[3], instructions));
    }

    private static double round(int part, int whole) {
        return Math.round(10000.0 * part / whole) / 100.0;
    }
}
