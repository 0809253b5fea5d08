package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input stops the run before any model call, with exit code 2 and file, line and field. */
class BadInputTest {
    @TempDir
    Path tmp;

    CliFixture project;

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp);
    }

    @Test
    void theUnbrokenFixtureRuns() {
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("3 results");
    }

    @Test
    void malformedJsonLine() {
        project.replaceInCases(2, "{\"id\": \"b\", \"input\": {\"question\": \"Capital of France?\"");
        project.freeze();
        expectInputError("cases.jsonl:2:", "malformed JSON");
    }

    @Test
    void unknownFieldInCase() {
        project.replaceInCases(3, "{\"id\": \"c\", \"input\": \"hi\", \"colour\": \"red\"}");
        project.freeze();
        expectInputError("cases.jsonl:3: field 'colour'", "unknown field");
    }

    @Test
    void missingId() {
        project.replaceInCases(2, "{\"input\": {\"question\": \"Capital of France?\"}}");
        project.freeze();
        expectInputError("cases.jsonl:2: field 'id'", "missing id");
    }

    @Test
    void duplicateId() {
        project.replaceInCases(3, "{\"id\": \"a\", \"input\": {\"question\": \"again\"}}");
        project.freeze();
        expectInputError("cases.jsonl:3: field 'id'", "duplicate id 'a' (first used on line 1)");
    }

    @Test
    void hashMismatch() {
        project.replaceInCases(2, "{\"id\": \"b\", \"input\": {\"question\": \"Capital of Italy?\"}}");
        expectInputError("manifest.yaml: field 'sha256'", "hash mismatch");
    }

    @Test
    void unknownScorer() {
        CliFixture.write(project.suite, CliFixture.read(project.suite).replace("valid-json", "valid-jsno"));
        expectInputError("suite.yaml:6: field 'scorers[0].type'", "unknown scorer 'valid-jsno'");
    }

    @Test
    void unknownBackend() {
        CliFixture.write(project.bundle, CliFixture.read(project.bundle).replace("replay:", "nosuch:"));
        expectInputError("bundle.yaml:3: field 'model'", "unknown backend 'nosuch'");
    }

    @Test
    void unknownFieldInBundle() {
        CliFixture.write(project.bundle, CliFixture.read(project.bundle).replace("temperature", "temprature"));
        expectInputError("bundle.yaml:7: field 'params.temprature'", "unknown field");
    }

    @Test
    void invalidOutputSchemaIsReportedAtItsLineInTheBundle() {
        CliFixture.write(project.bundle, CliFixture.read(project.bundle) + "output_schema:\n  type: objekt\n");
        expectInputError("bundle.yaml:10: field 'output_schema'", "not a valid JSON Schema");
    }

    @Test
    void aTierThatSelectsNoCaseSaysWhyAndWhereToLook() {
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "tiers:\n  smoke: {tags: [smoek]}\n");
        expectInputError(project.run("run", project.suite.toString(), "--tier", "smoke", "--quiet"), "suite.yaml",
                "no cases selected to run: the --tier or --shard chosen leaves out all 3 cases");
    }

    @Test
    void templateVariableTheCasesDoNotHave() {
        CliFixture.write(project.bundle, CliFixture.read(project.bundle).replace("{{question}}", "{{query}}"));
        expectInputError("field 'input.query'", "case 'a' has no input variable 'query'");
    }

    @Test
    void missingSuiteFileAndBadFlags() {
        expectInputError(project.run("run", tmp.resolve("nope.yaml").toString()), "nope.yaml", "file not found");
        CliFixture.Outcome badFlag = project.run("run", project.suite.toString(), "--repeats", "zero");
        assertThat(badFlag.code()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--repeats");
        assertThat(project.run("run", project.suite.toString(), "--frobnicate").code()).isEqualTo(2);
    }

    @Test
    void nothingIsWrittenForAnInputError() throws Exception {
        project.replaceInCases(2, "{\"id\": \"b\"}");
        project.freeze();
        assertThat(project.run("run", project.suite.toString()).code()).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("runs"))).isFalse();
    }

    private void expectInputError(String where, String what) {
        expectInputError(project.run("run", project.suite.toString(), "--quiet"), where, what);
    }

    private static void expectInputError(CliFixture.Outcome outcome, String where, String what) {
        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(where).contains(what).doesNotContain("\tat ");
    }
}
