package dev.evalgate.cli;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of many cases and its reports fit a small heap: {@code evalgate run} and {@code evalgate report} in a
 * child JVM with {@code -Xmx}{@value #HEAP} on {@value #CASES} cases (replay backend, three rule scorers). Reports
 * are streamed and the corpus is let go before them, so the heap a run needs grows slowly with its cases; when the
 * HTML report built its case data as one string, this run ran out of memory under this heap. {@code bench/run}
 * measures the same at 100,000 cases ({@code -Xmx512m}).
 */
class MemoryBoundTest {
    static final int CASES = 30_000;
    static final String HEAP = "128m";
    private static final String[] WORDS = ("refund order parcel invoice account password delivery warranty size"
            + " colour discount voucher address return exchange tracking courier receipt payment card").split(" ");

    @TempDir
    static Path tmp;
    static Path suite;

    @BeforeAll
    static void writeProject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Random random = new Random(7);
        try (BufferedWriter cases = Files.newBufferedWriter(corpus.resolve("cases.jsonl"));
             BufferedWriter outputs = Files.newBufferedWriter(tmp.resolve("outputs.jsonl"))) {
            for (int i = 0; i < CASES; i++) {
                String keyword = WORDS[random.nextInt(WORDS.length)];
                cases.write("{\"id\": \"case-" + i + "\", \"input\": {\"question\": \"" + sentence(random, 20)
                        + " What about my " + keyword + "?\"}, \"expected\": {\"required_keywords\": [\"" + keyword
                        + "\"]}, \"tags\": [\"" + (i % 5 == 0 ? "adversarial" : "historical") + "\"]}\n");
                String answer = sentence(random, 40) + (random.nextInt(10) < 8 ? " Your " + keyword + " is handled."
                        : "");
                String output = random.nextInt(10) < 9 ? "{\\\"answer\\\": \\\"" + answer + "\\\"}" : answer;
                outputs.write("{\"id\": \"case-" + i + "\", \"output\": \"" + output + "\", \"latency_ms\": 1.5}\n");
            }
        }
        Files.writeString(corpus.resolve("manifest.yaml"), "name: many\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("bundle.yaml"), String.join("\n", "id: many", "version: 1",
                "model: replay:outputs.jsonl", "template: 'Customer question: {{question}}'", ""));
        suite = tmp.resolve("suite.yaml");
        Files.writeString(suite, String.join("\n", "bundle: bundle.yaml", "corpora: [corpus]", "scorers:",
                "  - {name: json, type: valid-json}",
                "  - {name: answer-field, type: regex, params: {pattern: '\"answer\"\\s*:'}}",
                "  - {name: keyword, type: keywords}", "concurrency: 2", "output: runs", ""));
    }

    @Test
    void aRunAndItsReportsOfManyCasesFitASmallHeap() throws Exception {
        Child run = child("run", suite.toString(), "--quiet", "--no-cache");
        assertThat(run.code()).as(run.output()).isZero();
        Path runDir = onlyRun();
        assertThat(Files.readAllLines(runDir.resolve(RunStore.RESULTS_FILE))).hasSize(CASES);
        assertThat(Files.readString(runDir.resolve("report.html"))).contains("data-encoding=\"gzip+base64\"");

        Files.delete(runDir.resolve("report.html"));
        Child report = child("report", runDir.toString());
        assertThat(report.code()).as(report.output()).isZero();
        assertThat(runDir.resolve("report.html")).exists();
        assertThat(Files.size(runDir.resolve("report.json"))).isGreaterThan(CASES * 100L);
    }

    private static Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            List<Path> dirs = runs.toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    private static Child child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "child", ".log");
        Process process = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("evalgate " + args[0] + " did not finish within 180 s");
        }
        return new Child(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.append('.').toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private record Child(int code, String output) {
    }
}
