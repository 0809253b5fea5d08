package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run in which no case could be evaluated exits 3, and still leaves its results and reports to read. */
class EvaluationErrorTest {
    @TempDir
    Path tmp;

    @Test
    void everyCaseErroredExitsThreeWithReportsWritten() throws Exception {
        CliFixture project = new CliFixture(tmp);
        // The recorded outputs are for other cases: every model call fails.
        CliFixture.write(tmp.resolve("outputs.jsonl"), "{\"id\": \"zzz\", \"output\": \"{}\"}\n");

        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.err()).isEqualTo(3);
        assertThat(outcome.err()).contains("every case errored").contains("no recorded output for case");
        Path run;
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            run = dirs.findFirst().orElseThrow();
        }
        for (String report : new String[] {"report.html", "junit.xml", "summary.md", "results.jsonl"}) {
            assertThat(run.resolve(report)).isNotEmptyFile();
        }
    }
}
