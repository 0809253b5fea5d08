package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a hostile tester tried, each once an exit 4 with a stack trace: every one is now refused with exit 2,
 * one line naming the file (and line and field where there is one), and no parser or validator internals.
 */
class HostileInputTest {
    @TempDir
    Path tmp;

    CliFixture project;

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp);
    }

    private Path finishedRun() throws IOException {
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        return HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
    }

    private static void assertInputError(CliFixture.Outcome outcome, String... expected) {
        assertThat(outcome.code()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(expected).doesNotContain("\tat ", "Exception", "JsonToken", "java.lang");
    }

    @Test
    void aRunRecordThatIsNotUtf8IsAnInputErrorForEveryCommandThatReadsIt() throws IOException {
        Path run = finishedRun();
        HostileEnvironmentTest.append(run.resolve("run.json"), new byte[] {(byte) 0xff});
        String where = run.resolve("run.json").toString();
        assertInputError(project.run("gate", run.toString()), where, "not valid UTF-8");
        assertInputError(project.run("report", run.toString()), where, "not valid UTF-8");
        assertInputError(project.run("run", "--resume", run.toString(), "--quiet"), where, "not valid UTF-8");
        assertInputError(project.run("run", project.suite.toString(), "--quiet", "--baseline", run.toString()),
                where, "not valid UTF-8");
    }

    @Test
    void aResultsLineThatIsNotUtf8IsReportedAtItsLine() throws IOException {
        Path run = finishedRun();
        Path results = run.resolve("results.jsonl");
        List<String> lines = Files.readAllLines(results);
        byte[] second = lines.get(1).getBytes(StandardCharsets.UTF_8);
        second[10] = (byte) 0xc3; // a lead byte without its continuation
        second[11] = (byte) 0x28;
        Files.write(results, (lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        HostileEnvironmentTest.append(results, second);
        HostileEnvironmentTest.append(results, ("\n" + lines.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
        assertInputError(project.run("report", run.toString()), results + ":2", "not valid UTF-8");
    }

    @Test
    void aNulInAPathFieldIsAnInputErrorAtItsField() {
        CliFixture.write(project.corpus.resolve("manifest.yaml"),
                CliFixture.read(project.corpus.resolve("manifest.yaml")) + "cases: \"a\\0b\"\n");
        assertInputError(project.run("run", project.suite.toString(), "--quiet"), "manifest.yaml:5: field 'cases'",
                "NUL");

        project = new CliFixture(tmp.resolve("second"));
        CliFixture.write(project.suite, CliFixture.read(project.suite).replace("bundle: bundle.yaml",
                "bundle: \"x\\0y\""));
        assertInputError(project.run("run", project.suite.toString(), "--quiet"), "suite.yaml:2: field 'bundle'",
                "NUL");
    }

    @Test
    void configurationFilesThatAreDevicesAreRefusedAtOnce() throws IOException {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        for (Path file : List.of(project.suite, project.bundle, project.corpus.resolve("manifest.yaml"))) {
            CliFixture fresh = new CliFixture(tmp.resolve("dev-" + file.getFileName()));
            Path target = fresh.root.resolve(project.root.relativize(file));
            Files.delete(target);
            Files.createSymbolicLink(target, zero);
            long started = System.nanoTime();
            CliFixture.Outcome outcome = fresh.run("run", fresh.suite.toString(), "--quiet");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertInputError(outcome, target.toString(), "not a regular file");
            // It used to read until memory ran out (13-28 s); a refusal takes milliseconds.
            assertThat(millis).as("refusing " + target).isLessThan(10_000);
        }
    }

    @Test
    void aReplayFileThatIsAFifoIsNotReportedAsMissing() throws Exception {
        Path fifo = project.root.resolve("outputs.jsonl");
        Files.delete(fifo);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
        assertInputError(outcome, fifo.toString(), "not a regular file");
        assertThat(outcome.err()).doesNotContain("not found");
    }

    @Test
    void aNegativeLatencyInAReplayLineIsRefusedAtItsLine() {
        CliFixture.write(project.root.resolve("outputs.jsonl"), CliFixture.read(project.root.resolve("outputs.jsonl"))
                .replace("{\"id\": \"b\", \"output\": \"Paris\"}",
                        "{\"id\": \"b\", \"output\": \"Paris\", \"latency_ms\": -1}"));
        assertInputError(project.run("run", project.suite.toString(), "--quiet", "--no-cache"),
                "outputs.jsonl:2: field 'latency_ms'", "0 or more");
    }

    @Test
    void aNegativeLatencyOrTokenCountInResultsIsRefusedAndNeverCrashesAReport() throws IOException {
        Path run = finishedRun();
        Path results = run.resolve("results.jsonl");
        String text = CliFixture.read(results);
        String firstLine = text.lines().findFirst().orElseThrow();
        CliFixture.write(results, text.replace(firstLine, firstLine.replaceFirst("\"latencyMs\":[0-9.E-]+",
                "\"latencyMs\":-1.0")));
        assertInputError(project.run("report", run.toString()), results + ":1: field 'stats'", "latencyMs");
        assertInputError(project.run("gate", run.toString()), results + ":1: field 'stats'", "latencyMs");

        CliFixture.write(results, text.replace(firstLine, firstLine.replaceFirst("\"completionTokens\":[0-9]+",
                "\"completionTokens\":-5")));
        assertInputError(project.run("report", run.toString()), results + ":1: field 'stats'", "completionTokens");
    }

    @Test
    void oneHugeYamlValueIsRefusedWithoutParsingIt() throws IOException {
        // A single 1-20 MiB value used to take SnakeYAML from 4.5 s to minutes (it rescans a growing token).
        for (int mib : new int[] {1, 20}) {
            Path bundle = project.bundle;
            try (var out = Files.newBufferedWriter(bundle)) {
                out.write("id: big\nversion: 1.0.0\nmodel: replay:outputs.jsonl\ntemplate: \"{{question}}\"\nsystem: ");
                char[] chunk = new char[1 << 20];
                java.util.Arrays.fill(chunk, 'y');
                for (int i = 0; i < mib; i++) {
                    out.write(chunk);
                }
                out.write("\n");
            }
            long started = System.nanoTime();
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertInputError(outcome, bundle.toString(), mib == 1 ? "line is longer than" : "larger than 4 MiB");
            assertThat(millis).as("refusing a %d MiB value", mib).isLessThan(10_000);
        }
    }

    @Test
    void aDuplicateResultLineIsReportedAndCountedOnce() throws IOException {
        Path run = finishedRun();
        Path results = run.resolve("results.jsonl");
        String first = CliFixture.read(results).lines().findFirst().orElseThrow();
        HostileEnvironmentTest.append(results, (first + "\n").getBytes(StandardCharsets.UTF_8));
        CliFixture.Outcome report = project.run("report", run.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.err()).contains(results + ":4: case 'tiny/a' repeat 0 already has a result on line 1");
        assertThat(CliFixture.read(run.resolve("junit.xml"))).contains("tests=\"3\"");
    }

    @Test
    void resumingARunWithADuplicateResultLineSaysSoAsReportDoes() throws IOException {
        Path run = finishedRun();
        Path results = run.resolve("results.jsonl");
        List<String> lines = CliFixture.read(results).lines().toList();
        // the third case is still to run; the first case's line was written twice
        CliFixture.write(results, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(0) + "\n");
        CliFixture.Outcome resumed = project.run("run", "--resume", run.toString(), "--quiet", "--no-cache");
        assertThat(resumed.err()).contains("note: " + results
                + ":3: case 'tiny/a' repeat 0 already has a result on line 1; this line is left out");
        assertThat(CliFixture.read(run.resolve("junit.xml"))).contains("tests=\"3\"");
    }

    @Test
    void aCorpusWithoutANameInTheRunRecordIsAnInputErrorNotACrashOfTheReports() throws IOException {
        Path run = finishedRun();
        Path record = run.resolve("run.json");
        String edited = CliFixture.read(record)
                .replaceFirst("(\"corpora\" : \\[ \\{\\s*\"name\" : )\"[^\"]*\"", "$1null");
        assertThat(edited).isNotEqualTo(CliFixture.read(record));
        CliFixture.write(record, edited);
        CliFixture.Outcome outcome = project.run("gate", run.toString(), "--suite", project.suite.toString());
        assertInputError(outcome, record.toString(), "field 'spec.corpora[0].name'", "missing");
    }

    @Test
    void jacksonTypeNamesNeverReachTheUser() throws IOException {
        Path run = finishedRun();
        Path record = run.resolve("run.json");
        CliFixture.write(record, CliFixture.read(record).replaceFirst("\"runId\" : \"[^\"]*\"", "\"runId\" : [1]"));
        CliFixture.Outcome outcome = project.run("report", run.toString());
        assertInputError(outcome, record.toString(), "field 'spec.runId'", "expected a text value");
        assertThat(outcome.err()).doesNotContain("deserialize", "START_ARRAY", "`");
    }

    @Test
    void aBadSchemaPatternIsOneLineWithoutValidatorLogs() {
        CliFixture.write(project.bundle, CliFixture.read(project.bundle) + String.join("\n",
                "output_schema:",
                "  type: object",
                "  properties:",
                "    answer: {type: string, pattern: \"([a-z\"}", ""));
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        CliFixture.Outcome outcome;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
        } finally {
            System.setErr(original);
        }
        assertInputError(outcome, "bundle.yaml", "not a valid regular expression");
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("PatternValidator", "JsonMetaSchema");
    }

    @Test
    void aLongBundleIdGetsAShortRunDirectory() throws IOException {
        String id = "a-very-long-bundle-id-" + "x".repeat(300);
        CliFixture.write(project.bundle, CliFixture.read(project.bundle).replace("id: tiny-bundle", "id: " + id));
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        Path run = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
        assertThat(run.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(128);
        assertThat(run.getFileName().toString()).contains("a-very-long-bundle-id-");
        assertThat(CliFixture.read(run.resolve("run.json"))).contains(id);
    }

    @Test
    void resumeUsesTheModelTheRunWasStartedWith() throws IOException {
        Path other = project.root.resolve("other-outputs.jsonl");
        CliFixture.write(other, CliFixture.read(project.root.resolve("outputs.jsonl")).replace("Paris",
                "Paris, from the other file"));
        CliFixture.Outcome first = project.run("run", project.suite.toString(), "--quiet", "--no-cache",
                "--model", other.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path run = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
        // Cut the run short, as a kill would: the last result gone, the record still running.
        Path results = run.resolve("results.jsonl");
        List<String> lines = Files.readAllLines(results);
        String dropped = lines.stream().filter(l -> l.contains("\"caseId\":\"b\"")).findFirst().orElseThrow();
        Files.write(results, lines.stream().filter(l -> !l.equals(dropped)).toList());
        CliFixture.write(run.resolve("run.json"), CliFixture.read(run.resolve("run.json"))
                .replace("\"status\" : \"completed\"", "\"status\" : \"running\""));

        CliFixture.Outcome resumed = project.run("run", "--resume", run.toString(), "--quiet", "--no-cache");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(CliFixture.read(results)).contains("Paris, from the other file");
    }
}
