package dev.evalgate.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite of story openings for the real embedded model, run in a child JVM so a test can stop or kill it midway,
 * as Ctrl-C, a CI cancel or an out-of-memory killer would.
 */
final class StoryRunProject {
    private StoryRunProject() {
    }

    /** Writes a corpus of {@code cases} openings, a bundle and a suite under {@code dir}; returns the suite. */
    static Path write(Path dir, int cases) throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            lines.add("{\"id\": \"story-" + i + "\", \"input\": {\"opening\": \"Once upon a time there was a "
                    + (i % 2 == 0 ? "cat" : "dog") + " number " + i + "\"}}");
        }
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n", lines) + "\n");
        Files.writeString(corpus.resolve("manifest.yaml"), "name: stories\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(dir.resolve("bundle.yaml"), String.join("\n", "id: storyteller", "version: 1",
                "model: llamacpp:stories260k", "template: \"{{opening}}\"", "params:", "  max_tokens: 48",
                "  temperature: 0", ""));
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: regex\n"
                + "    params: {pattern: \"\\\\w+\"}\noutput: runs\n");
        return suite;
    }

    /** Starts {@code evalgate ARGS} in a child JVM on this test's class path, its output going to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until a run under {@code runs} has at least {@code atLeast} result lines; returns its directory. */
    static Path awaitResults(Path runs, Process process, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the run ended before it could be stopped").isTrue();
            if (Files.isDirectory(runs)) {
                try (Stream<Path> dirs = Files.list(runs)) {
                    for (Path dir : dirs.toList()) {
                        Path results = dir.resolve(RunStore.RESULTS_FILE);
                        if (Files.exists(results) && Files.readAllLines(results).size() >= atLeast) {
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

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
