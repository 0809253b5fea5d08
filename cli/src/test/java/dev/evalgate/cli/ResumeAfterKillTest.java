package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunStore;

/**
 * A run on the real embedded model is killed with SIGKILL while it writes results; {@code --resume} then finishes
 * it without recomputing a finished case, and every case ends up in the results exactly once.
 */
class ResumeAfterKillTest {
    private static final int CASES = 120;
    private static final int KILL_AFTER = 15;

    @TempDir
    Path tmp;

    @Test
    void aKilledRunResumesWithEveryCaseExactlyOnce() throws Exception {
        Path model = SharedModelFile.path();
        Path suite = writeProject();
        Path runs = tmp.resolve("runs");

        Process process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", suite.toString(), "--model", model.toString(), "--quiet", "--no-cache")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        Path results = waitForResults(runs, process);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path runDir = results.getParent();
        List<String> before = Files.readAllLines(results, StandardCharsets.UTF_8);
        assertThat(RunStore.readRecord(runDir).status()).isEqualTo(RunRecord.RUNNING);
        assertThat(before.size()).as("killed midway").isBetween(KILL_AFTER - 1, CASES - 1);
        String finishedPrefix = finishedLines(results);

        CliFixture.Outcome resumed = CliFixture.runCli("run", "--resume", runDir.toString(),
                "--model", model.toString(), "--quiet", "--no-cache");
        assertThat(resumed.code()).as(resumed.err()).isZero();

        List<CaseResult> all = RunStore.read(runDir).results();
        assertThat(all).hasSize(CASES);
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            CaseResult r = dev.evalgate.engine.Json.MAPPER.readValue(line, CaseResult.class);
            assertThat(keys.add(r.key() + "#" + r.repeat())).as("%s appears once", r.key()).isTrue();
        }
        assertThat(keys).hasSize(CASES);
        // What was on disk before the kill is untouched: finished cases were not recomputed.
        assertThat(Files.readString(results, StandardCharsets.UTF_8)).startsWith(finishedPrefix);
        assertThat(RunStore.readRecord(runDir).status()).isEqualTo(RunRecord.COMPLETED);
    }

    private Path writeProject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            lines.add("{\"id\": \"story-" + i + "\", \"input\": {\"opening\": \"Once upon a time there was a "
                    + (i % 2 == 0 ? "cat" : "dog") + " number " + i + "\"}}");
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

    private static Path waitForResults(Path runs, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the first run ended before it could be killed").isTrue();
            if (Files.isDirectory(runs)) {
                try (Stream<Path> dirs = Files.list(runs)) {
                    for (Path dir : dirs.toList()) {
                        Path results = dir.resolve(RunStore.RESULTS_FILE);
                        if (Files.exists(results) && Files.readAllLines(results).size() >= KILL_AFTER) {
                            return results;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("no results appeared within 120 s");
    }

    /** The file up to its last newline: the lines that were complete when the process died. */
    private static String finishedLines(Path results) throws IOException {
        String text = Files.readString(results, StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
