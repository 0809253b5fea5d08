package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that errored fail the gate and are reported as errors, with their error text, never as a scorer's. */
class ErroredResultsGateTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    Path tmp;

    @Test
    void aPartialCassetteMissFailsTheGateAndNamesTheErroredCases() {
        Path cassettes = tmp.resolve("cassettes");
        CliFixture.Outcome recorded = quickstart("--cache-dir", cassettes.toString(), "--cache-mode", "record");
        assertThat(recorded.code()).as(recorded.err()).isIn(0, 1);

        // Recorded with one repeat, replayed with two: every second repeat misses the cassette.
        CliFixture.Outcome replay = quickstart("--cache-dir", cassettes.toString(), "--cache-mode", "replay",
                "--repeats", "2");

        assertThat(replay.code()).as(replay.out() + replay.err()).isEqualTo(1);
        assertThat(replay.out()).contains("48 results", "24 errored", "gate: FAILED",
                "FAIL max_error_rate: 24 of 48 results errored (error rate 0.500, above the limit of 0.000): "
                        + "quickstart/refund-window repeat 1: \"model call failed: no recorded completion",
                "; and 21 more");
        // The injection rule counts only adversarial results that were scored; historical cases are not its own.
        String injection = line(replay.out(), "min_pass_rate[scorer=injection]");
        assertThat(injection).contains("errored results not counted").doesNotContain("0.294");
        assertThat(line(replay.out(), "budget[latency_p95_ms]")).doesNotContain("every output came from the cache")
                .contains("the 24 outputs all came from the cache and the other 24 results errored");
    }

    @Test
    void aBackendThatFailsSomeCallsFailsTheGate() {
        CliFixture project = new CliFixture(tmp);
        // The recorded outputs lack case b: its call fails, the others answer.
        CliFixture.write(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"c\", \"output\": \"{\\\"answer\\\": \\\"hi\\\"}\"}", ""));

        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(1);
        assertThat(outcome.out()).contains("1 errored", "FAIL max_error_rate: 1 of 3 results errored",
                "no recorded output for case 'tiny/b'", "cases: tiny/b");
    }

    private CliFixture.Outcome quickstart(String... extra) {
        String[] base = {"run", QUICKSTART.resolve("suite.yaml").toString(), "--model",
            SharedModelFile.path().toString(), "--out", tmp.resolve("runs").toString(), "--quiet"};
        return CliFixture.runCli(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("");
    }
}
