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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of many cases and its reports fit a small heap: {@code evalgate run}, {@code evalgate report} and
 * {@code evalgate gate} against a baseline in a child JVM with {@code -Xmx}{@value #HEAP} on {@value #CASES} cases
 * (replay backend, three rule scorers), then {@code evalgate gate} (the suite's gate, and the reports) on a stored run of
 * {@value #TIMES} times as many cases under the same heap. Reports are streamed, the corpus is let go before them
 * and a run's results are read from {@code results.jsonl} when needed rather than held, so the heap the results,
 * reports and gate need does not grow with the cases; when a run held all its results, the report of the larger run
 * ran out of memory under this heap (as did the run itself when the HTML report built its case data as one
 * string). {@code bench/run --heap} measures the smallest heap at 100,000 cases.
 *
 * <p>The corpus is not held either: a run of a corpus whose {@code cases.jsonl} is more than
 * {@value #CORPUS_TIMES_HEAP} times the heap ({@value #CORPUS_CASES} cases with about 2 KB of input each, replayed)
 * completes under {@code -Xmx}{@value #CORPUS_HEAP}. When a run held every case (and every recorded output) it ran
 * out of memory loading them.
 */
class MemoryBoundTest {
    static final int CASES = 20_000;
    static final int TIMES = 3;
    static final String HEAP = "128m";
    static final int LARGE_CASES = 10_000;
    static final int LARGE_OUTPUT_CHARS = 8_000;
    static final int CORPUS_CASES = 40_000;
    static final String CORPUS_HEAP = "32m";
    static final int CORPUS_TIMES_HEAP = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
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
        suite = writeReplaySuite(tmp, "many",
                "  - {name: json, type: valid-json}",
                "  - {name: answer-field, type: regex, params: {pattern: '\"answer\"\\s*:'}}",
                "  - {name: keyword, type: keywords}", "concurrency: 2", "output: runs", "gate:",
                "  max_error_rate: 0.01", "  min_pass_rate:", "    - {scorer: json, min: 0.5}",
                "  no_new_failures: [adversarial]", "  max_regression:", "    - {metric: pass, max_drop: 0.05}",
                "  budgets: {latency_p95_ms: 10000, mean_tokens_per_case: 1000}");
    }

    /**
     * Writes the manifest of {@code project/corpus} (pinning the cases written there), a bundle that replays
     * {@code project/outputs.jsonl}, and a suite of that corpus whose lines after {@code scorers:} are
     * {@code scorersAndGate}; returns the suite.
     */
    static Path writeReplaySuite(Path project, String name, String... scorersAndGate) throws IOException {
        Path corpus = project.resolve("corpus");
        Files.writeString(corpus.resolve("manifest.yaml"), "name: " + name + "\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(project.resolve("bundle.yaml"), String.join("\n", "id: " + name, "version: 1",
                "model: replay:outputs.jsonl", "template: 'Customer question: {{question}}'", ""));
        Path suite = project.resolve("suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n"
                + String.join("\n", scorersAndGate) + "\n");
        return suite;
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

        Child compared = child("gate", runDir.toString(), "--baseline", runDir.toString());
        assertThat(compared.code()).as(compared.output()).isZero();
        assertThat(compared.output()).contains("gate: PASSED");
        try (Stream<Path> files = Files.list(runDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.startsWith("comparison-"));
        }

        // The same heap holds a stored run of several times the cases, its reports and its gate: the results are
        // read from results.jsonl as they are needed, so what they take no longer grows with them.
        Path larger = timesLarger(runDir, TIMES);
        Child largerGate = child("gate", larger.toString(), "--suite", suite.toString());
        assertThat(largerGate.code()).as(largerGate.output()).isZero();
        assertThat(largerGate.output()).contains("gate: PASSED").contains((TIMES * CASES) + " results");
        Path reports = larger.resolve("gate-no-baseline");
        assertThat(Files.size(reports.resolve("report.json"))).isGreaterThan(TIMES * CASES * 100L);
        String lastCase = "case-" + (CASES - 1) + "-" + (TIMES - 1);
        try (Stream<String> junit = Files.lines(reports.resolve("junit.xml"))) {
            assertThat(junit.anyMatch(line -> line.contains(lastCase))).as("junit.xml names " + lastCase).isTrue();
        }
    }

    @Test
    void aCorpusSeveralTimesLargerThanTheHeapRunsInIt() throws Exception {
        Path project = tmp.resolve("large-corpus");
        Path corpus = project.resolve("corpus");
        Files.createDirectories(corpus);
        Random random = new Random(11);
        try (BufferedWriter cases = Files.newBufferedWriter(corpus.resolve("cases.jsonl"));
             BufferedWriter outputs = Files.newBufferedWriter(project.resolve("outputs.jsonl"))) {
            for (int i = 0; i < CORPUS_CASES; i++) {
                String keyword = WORDS[random.nextInt(WORDS.length)];
                // The conversation so far is a case's bulk: the template asks only the question, so the results
                // stay small and the heap is the corpus's to fill.
                cases.write("{\"id\": \"case-" + i + "\", \"input\": {\"question\": \"What about my " + keyword
                        + "?\", \"history\": \"" + sentence(random, 300) + "\"}, \"expected\":"
                        + " {\"required_keywords\": [\"" + keyword + "\"]}}\n");
                outputs.write("{\"id\": \"case-" + i + "\", \"output\": \"Your " + keyword + " is handled.\"}\n");
            }
        }
        long heapBytes = Long.parseLong(CORPUS_HEAP.replace("m", "")) << 20;
        assertThat(Files.size(corpus.resolve("cases.jsonl"))).isGreaterThan(CORPUS_TIMES_HEAP * heapBytes);
        writeReplaySuite(project, "large", "  - {name: keyword, type: keywords}", "concurrency: 2", "output: runs");

        Child run = child(CORPUS_HEAP, project, "run", "suite.yaml", "--quiet", "--no-cache", "--history", "off");
        assertThat(run.code()).as(run.output()).isZero();
        try (Stream<Path> runs = Files.list(project.resolve("runs"))) {
            Path runDir = runs.findFirst().orElseThrow();
            try (Stream<String> results = Files.lines(runDir.resolve(RunStore.RESULTS_FILE))) {
                assertThat(results.count()).isEqualTo(CORPUS_CASES);
            }
        }
    }

    /**
     * A comparison holds no output per case: against a baseline whose {@value #CORPUS_CASES} outputs of about
     * {@value #LARGE_OUTPUT_CHARS} characters all differ from the candidate's, {@code evalgate gate --baseline} fits
     * the same heap, and the comparison it writes still shows each side's first output. When each case's outcome
     * kept its first output for both runs, this comparison alone needed more than the heap and ran out of memory.
     */
    @Test
    void aComparisonOfRunsWithLargeOutputsFitsASmallHeap() throws Exception {
        Path project = tmp.resolve("large");
        Path corpus = project.resolve("corpus");
        Files.createDirectories(corpus);
        Random random = new Random(11);
        try (BufferedWriter cases = Files.newBufferedWriter(corpus.resolve("cases.jsonl"));
             BufferedWriter outputs = Files.newBufferedWriter(project.resolve("outputs.jsonl"))) {
            for (int i = 0; i < LARGE_CASES; i++) {
                String keyword = WORDS[random.nextInt(WORDS.length)];
                cases.write("{\"id\": \"case-" + i + "\", \"input\": {\"question\": \"What about my " + keyword
                        + "?\"}, \"expected\": {\"required_keywords\": [\"" + keyword + "\"]}}\n");
                StringBuilder answer = new StringBuilder("Your " + keyword + " is handled.");
                while (answer.length() < LARGE_OUTPUT_CHARS) {
                    answer.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
                }
                outputs.write("{\"id\": \"case-" + i + "\", \"output\": \"" + answer + "\", \"latency_ms\": 1.5}\n");
            }
        }
        Path largeSuite = writeReplaySuite(project, "large", "  - {name: keyword, type: keywords}", "concurrency: 2",
                "output: runs", "gate:", "  max_regression:", "    - {metric: pass, max_drop: 0.05}");
        Child run = child("run", largeSuite.toString(), "--quiet", "--no-cache", "--history", "off");
        assertThat(run.code()).as(run.output()).isZero();
        Path baseline;
        try (Stream<Path> runs = Files.list(project.resolve("runs"))) {
            baseline = runs.findFirst().orElseThrow();
        }
        // The candidate: the same run with every output told apart from the baseline's.
        Path candidate = project.resolve("candidate");
        Files.createDirectories(candidate);
        Files.copy(baseline.resolve(RunStore.RUN_FILE), candidate.resolve(RunStore.RUN_FILE));
        try (BufferedWriter out = Files.newBufferedWriter(candidate.resolve(RunStore.RESULTS_FILE));
             Stream<String> lines = Files.lines(baseline.resolve(RunStore.RESULTS_FILE))) {
            for (String line : (Iterable<String>) lines::iterator) {
                out.write(line.replace("\"output\":\"Your ", "\"output\":\"Now your "));
                out.write('\n');
            }
        }

        Child gate = child("gate", candidate.toString(), "--baseline", baseline.toString());
        assertThat(gate.code()).as(gate.output()).isZero();
        assertThat(gate.output()).contains("gate: PASSED");
        Path comparison;
        try (Stream<Path> files = Files.list(candidate)) {
            comparison = files.filter(f -> f.getFileName().toString().startsWith("comparison-")).findFirst()
                    .orElseThrow();
        }
        // The last case's outputs, from each run's results: read where the comparison is written.
        JsonNode diffs = JSON.readTree(comparison.toFile()).path("caseDiffs");
        assertThat(diffs).hasSize(LARGE_CASES);
        JsonNode last = null;
        for (JsonNode diff : diffs) {
            last = diff.path("caseId").asText().equals("case-" + (LARGE_CASES - 1)) ? diff : last;
        }
        assertThat(last).as("the comparison has case-" + (LARGE_CASES - 1)).isNotNull();
        assertThat(last.path("baseline").path("output").asText()).startsWith("Your ")
                .hasSizeGreaterThan(LARGE_OUTPUT_CHARS - 100);
        assertThat(last.path("candidate").path("output").asText()).startsWith("Now your ");
    }

    /**
     * A copy of a finished run with {@code times} as many cases: each result again under new case ids, the
     * recorded summary dropped so that it is computed from the results.
     */
    private static Path timesLarger(Path runDir, int times) throws IOException {
        Path larger = tmp.resolve("larger");
        Files.createDirectories(larger);
        try (BufferedWriter out = Files.newBufferedWriter(larger.resolve(RunStore.RESULTS_FILE))) {
            for (int copy = 0; copy < times; copy++) {
                String suffix = copy == 0 ? "" : "-" + copy;
                try (Stream<String> lines = Files.lines(runDir.resolve(RunStore.RESULTS_FILE))) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        out.write(line.replaceFirst("\"caseId\":\"(case-[0-9]+)\"", "\"caseId\":\"$1" + suffix + "\""));
                        out.write('\n');
                    }
                }
            }
        }
        ObjectNode record = (ObjectNode) JSON.readTree(runDir.resolve(RunStore.RUN_FILE).toFile());
        record.remove("summary");
        ObjectNode corpus = (ObjectNode) record.path("spec").path("corpora").get(0);
        corpus.put("cases", corpus.path("cases").asInt() * times);
        JSON.writeValue(larger.resolve(RunStore.RUN_FILE).toFile(), record);
        return larger;
    }

    private static Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            List<Path> dirs = runs.toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    private static Child child(String... args) throws Exception {
        return child(HEAP, tmp, args);
    }

    private static Child child(String heap, Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "child", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
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
