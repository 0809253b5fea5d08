package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.RunStore;

/**
 * A run on the real model is stopped (SIGTERM, as Ctrl-C or a CI cancel would) midway: the advice it prints names
 * the run directory and the model file it was started with, so following it does not start a model download.
 */
class ResumeAdviceTest {
    private static final int CASES = 200;

    @TempDir
    Path tmp;

    @Test
    void theAdviceAfterAStopCarriesTheModelFile() throws Exception {
        Path model = SharedModelFile.path();
        Path suite = writeProject();
        Path log = tmp.resolve("run.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", suite.toString(),
                "--model", model.toString(), "--no-cache")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path runDir = waitForSomeResults(tmp.resolve("runs"), process);
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String printed = Files.readString(log);
        assertThat(printed).contains("stopped after", "finish it with 'evalgate run --resume " + runDir
                + " --model " + model + "'");
    }

    private Path writeProject() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            lines.add("{\"id\": \"story-" + i + "\", \"input\": {\"opening\": \"Once upon a time a cat number " + i
                    + "\"}}");
        }
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n", lines) + "\n");
        Files.writeString(corpus.resolve("manifest.yaml"), "name: stories\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("bundle.yaml"), String.join("\n", "id: storyteller", "version: 1",
                "model: llamacpp:stories260k", "template: \"{{opening}}\"", "params:", "  max_tokens: 48",
                "  temperature: 0", ""));
        Path suite = tmp.resolve("suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: regex\n"
                + "    params: {pattern: \"\\\\w+\"}\noutput: runs\n");
        return suite;
    }

    private static Path waitForSomeResults(Path runs, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the run ended before it could be stopped").isTrue();
            if (Files.isDirectory(runs)) {
                try (Stream<Path> dirs = Files.list(runs)) {
                    for (Path dir : dirs.toList()) {
                        Path results = dir.resolve(RunStore.RESULTS_FILE);
                        if (Files.exists(results) && Files.readAllLines(results).size() >= 5) {
                            return dir;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("no results appeared within 120 s");
    }
}
