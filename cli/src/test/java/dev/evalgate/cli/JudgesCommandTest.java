package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code evalgate judges calibrate}: agreement with human labels, its exit codes, and a real judge model. */
class JudgesCommandTest {
    @TempDir
    Path tmp;

    private Path labels(String... lines) {
        Path file = tmp.resolve("labels.jsonl");
        CliFixture.write(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Path capitals() {
        return labels(
                "{\"input\": \"Capital of France?\", \"output\": \"Paris.\", \"label\": \"pass\"}",
                "{\"input\": \"Capital of France?\", \"output\": \"Lyon.\", \"label\": \"fail\"}",
                "{\"input\": \"Capital of France?\", \"output\": \"It is Paris\", \"label\": \"pass\"}",
                "{\"input\": \"Capital of France?\", \"output\": \"Paris or Lyon, Paris I think\", \"label\": \"fail\"}");
    }

    @Test
    void reportsAccuracyKappaAndTheConfusionMatrix() {
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "keywords", "-p", "required=Paris");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        // The keyword rule passes the hedging answer that the person failed: 3 of 4 agree.
        assertThat(outcome.out()).contains("on 4 labelled item(s)").contains("accuracy     0.750")
                .contains("Cohen's kappa 0.500").contains("human \\ judge");
    }

    @Test
    void belowTheKappaBarExitsOne() {
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "keywords", "-p", "required=Paris", "--min-kappa", "0.8");
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.err()).contains("below --min-kappa");
    }

    @Test
    void jsonOutput() throws Exception {
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "keywords", "-p", "required=Paris", "-p", "forbidden=Lyon", "--json");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        Map<String, Object> agreement = Json.MAPPER.readValue(outcome.out(), new TypeReference<>() { });
        assertThat(agreement).containsEntry("items", 4).containsEntry("accuracy", 1.0).containsEntry("kappa", 1.0);
    }

    @Test
    void listParametersAreGivenAsJson() {
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "keywords", "-p", "required=[\"Paris\"]", "-p", "forbidden=[\"Lyon\", \"think\"]");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("accuracy     1.000");
        CliFixture.Outcome broken = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "keywords", "-p", "required=[Paris");
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("--param required");
    }

    @Test
    void badLabelsFileIsAnInputErrorNamingLineAndField() {
        Path file = labels("{\"input\": \"a\", \"output\": \"b\", \"label\": \"pass\"}",
                "{\"input\": \"a\", \"output\": \"b\", \"label\": \"great\"}");
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", file.toString(),
                "--scorer", "keywords", "-p", "required=b");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("labels.jsonl:2").contains("field 'label'");
    }

    @Test
    void anLlmJudgeWithoutJudgeModelIsAnInputError() {
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "llm-rubric", "-p", "rubric=Names Paris");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("--judge-model");
        CliFixture.Outcome unknown = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "no-such-scorer");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown scorer 'no-such-scorer'");
    }

    /**
     * The real embedded model as judge. stories260K writes children's stories, never the strict JSON verdict, so
     * after two repairs every item must be undecided: a judge that cannot answer never passes anything.
     */
    @Test
    void realEmbeddedJudgeThatCannotAnswerInJsonIsUndecidedNeverPass() throws Exception {
        String model = "llamacpp:" + SharedModelFile.path();
        CliFixture.Outcome outcome = CliFixture.runCli("judges", "calibrate", "--labels", capitals().toString(),
                "--scorer", "llm-rubric", "--judge-model", model, "-p", "rubric=Names Paris", "-p", "max_tokens=32",
                "-p", "max_chars=200", "--json");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        Map<String, Object> agreement = Json.MAPPER.readValue(outcome.out(), new TypeReference<>() { });
        assertThat(agreement).containsEntry("items", 4).containsEntry("undecided", 4).containsEntry("accuracy", 0.0);
    }
}
