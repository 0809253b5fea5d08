package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference cache from the command line: cold and warm runs of the quickstart, cassettes replayed in CI. */
class CacheFlagsTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    Path tmp;

    private CliFixture.Outcome run(String... extra) {
        String[] base = {"run", QUICKSTART.resolve("suite.yaml").toString(), "--model", SharedModelFile.path().toString(),
                "--out", tmp.resolve("runs").toString(), "--quiet"};
        String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
        return CliFixture.runCli(args);
    }

    private long entries(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("models.json")).count();
        }
    }

    @Test
    void aWarmRerunMakesNoModelCallsAndReplayProvesNothingChanged() throws Exception {
        Path cassettes = tmp.resolve("cassettes");

        CliFixture.Outcome cold = run("--cache-dir", cassettes.toString());
        assertThat(cold.code()).as(cold.err()).isIn(0, 1);
        long recorded = entries(cassettes);
        assertThat(recorded).isPositive();
        assertThat(cold.out()).contains("(0 from cache)")
                .contains("cache readwrite at " + cassettes.toAbsolutePath().normalize())
                .contains("0 served from cache, " + recorded + " model calls, " + recorded + " entries written");

        CliFixture.Outcome warm = run("--cache-dir", cassettes.toString());
        assertThat(warm.code()).isEqualTo(cold.code());
        assertThat(warm.out()).contains(" 0 calls (" + recorded + " from cache)")
                .contains(recorded + " served from cache, 0 model calls, 0 entries written");

        CliFixture.Outcome replay = run("--cache-dir", cassettes.toString(), "--cache-mode", "replay");
        assertThat(replay.code()).as(replay.err()).isEqualTo(cold.code());
        assertThat(replay.out()).contains(recorded + " served from cache, 0 model calls");
    }

    @Test
    void cassettesReplayWithoutTheModelFileOrTheNetwork() throws Exception {
        Path cassettes = tmp.resolve("cassettes");
        CliFixture.Outcome record = run("--cache-dir", cassettes.toString(), "--cache-mode", "record");
        assertThat(record.code()).as(record.err()).isIn(0, 1);
        assertThat(cassettes.resolve("models.json")).content()
                .contains("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");

        // No --model, and an empty model cache: the bundle's catalog model is neither on disk nor downloadable.
        CliFixture.Outcome replay = CliFixture.runCli("run", QUICKSTART.resolve("suite.yaml").toString(),
                "--out", tmp.resolve("runs").toString(), "--quiet", "--model-cache", tmp.resolve("empty").toString(),
                "--cache-dir", cassettes.toString(), "--cache-mode", "replay");
        assertThat(replay.code()).as(replay.err()).isEqualTo(record.code());
        assertThat(replay.out()).contains("served from cache, 0 model calls")
                .contains("model llamacpp:" + SharedModelFile.path());
        assertThat(tmp.resolve("empty").resolve("models")).doesNotExist();
    }

    @Test
    void replayRefusesPromptsThatWereNeverRecorded() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-cassettes"));
        CliFixture.Outcome replay = run("--cache-dir", empty.toString(), "--cache-mode", "replay");
        assertThat(replay.code()).isEqualTo(3);
        assertThat(replay.err()).contains("no recorded completion").contains("--cache-mode record");
        assertThat(entries(empty)).isZero();
    }

    @Test
    void contradictoryCacheFlagsAreAUsageError() {
        CliFixture.Outcome outcome = run("--no-cache", "--cache-mode", "replay");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("--no-cache").contains("--cache-mode");
        CliFixture.Outcome badMode = run("--cache-mode", "sometimes");
        assertThat(badMode.code()).isEqualTo(2);
        assertThat(badMode.err()).contains("--cache-mode").contains("record, replay, readwrite, off");
    }

    @Test
    void anUnreachableOllamaIsAnEvaluationErrorThatSaysWhatToDo() throws Exception {
        Path bundle = tmp.resolve("ollama-bundle.yaml");
        Files.writeString(bundle, Files.readString(QUICKSTART.resolve("bundle.yaml"))
                .replaceAll("(?m)^model: .*$", "model: ollama:qwen2.5:0.5b"));
        CliFixture.Outcome outcome = CliFixture.runCli("run", QUICKSTART.resolve("suite.yaml").toString(),
                "--bundle", bundle.toString(), "--ollama-url", "http://127.0.0.1:9", "--out",
                tmp.resolve("runs").toString(), "--quiet");
        assertThat(outcome.code()).isEqualTo(3);
        assertThat(outcome.err()).contains("cannot reach Ollama at http://127.0.0.1:9").contains("--ollama-url");
    }
}
