package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evalgate report} re-renders a stored run's reports from its files alone, never calling a model. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private CliFixture project;
    private final List<Path> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp);
    }

    @Test
    void reRendersFromTheStoredComparisonAndVerdictWithoutTheModel() throws IOException {
        Path baseline = run();
        assertThat(project.run("baseline", "promote", baseline.toString(), "--name", "main").code()).isZero();
        CliFixture.write(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"Paris\"}",
                "{\"id\": \"c\", \"output\": \"<script>alert(1)</script> not json\"}", ""));
        CliFixture.Outcome gated = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");
        assertThat(gated.code()).as(gated.out() + gated.err()).isEqualTo(1);
        Path candidate = newest();
        for (String report : List.of("report.html", "report.json", "junit.xml", "summary.md")) {
            Files.deleteIfExists(candidate.resolve(report));
        }
        // The replay backend would fail without its recordings: the report command must not need them.
        Files.delete(tmp.resolve("outputs.jsonl"));

        CliFixture.Outcome report = project.run("report", candidate.toString());

        assertThat(report.code()).as(report.out() + report.err()).isZero();
        assertThat(report.out()).contains("gate: FAILED", "report.html");
        String summary = Files.readString(candidate.resolve("summary.md"));
        assertThat(summary).startsWith("## \u274C evalgate: Gate failed").contains("no\\_new\\_failures");
        String html = Files.readString(candidate.resolve("report.html"));
        assertThat(html).contains("Gate FAILED").doesNotContain("<script>alert(1)</script>");
        assertThat(candidate.resolve("junit.xml")).isRegularFile();
        assertThat(candidate.resolve("report.json")).isRegularFile();
    }

    @Test
    void comparesAfreshWithTheBaselineGivenAndWritesWhereToldLeavingTheRunAlone() throws IOException {
        Path baseline = run();
        assertThat(project.run("baseline", "promote", baseline.toString(), "--name", "main").code()).isZero();
        Path candidate = run();
        Path out = tmp.resolve("elsewhere");
        String storedVerdict = Files.readString(candidate.resolve("gate.json"));

        CliFixture.Outcome report = project.run("report", candidate.toString(), "--baseline", "main", "--out",
                out.toString());

        assertThat(report.code()).as(report.out() + report.err()).isZero();
        assertThat(report.out()).contains("gate: PASSED");
        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("## \u2705 evalgate: Gate passed");
        assertThat(Files.readString(candidate.resolve("gate.json"))).as("the run's own verdict is left alone")
                .isEqualTo(storedVerdict);
        assertThat(candidate.resolve("comparison.json")).doesNotExist();
    }

    @Test
    void anUnfinishedRunIsReportedAsUnfinished() throws IOException {
        Path run = run();
        Path record = run.resolve("run.json");
        Files.writeString(record, Files.readString(record).replace("\"completed\"", "\"running\""));
        List<String> lines = Files.readAllLines(run.resolve("results.jsonl"));
        Files.write(run.resolve("results.jsonl"), lines.subList(0, 1));

        CliFixture.Outcome report = project.run("report", run.toString());

        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("this run is unfinished (1 of up to 3 results)", "--resume");
    }

    @Test
    void aDirectoryThatIsNotARunIsAnInputErrorThatSaysSo() {
        CliFixture.Outcome report = project.run("report", tmp.resolve("nothing-here").toString());

        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).contains("not a run directory");
    }

    @Test
    void anOutThatIsAFileIsAnInputErrorNotACrash() throws IOException {
        Path run = run();
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");

        CliFixture.Outcome report = project.run("report", run.toString(), "--out", file.toString());

        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).contains("notes.txt", "field '--out'", "give a directory").doesNotContain("at dev.");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    private Path run() {
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");
        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        return newest();
    }

    private Path newest() {
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            List<Path> fresh = dirs.filter(Files::isDirectory).filter(p -> !seen.contains(p)).toList();
            assertThat(fresh).hasSize(1);
            seen.add(fresh.get(0));
            return fresh.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
