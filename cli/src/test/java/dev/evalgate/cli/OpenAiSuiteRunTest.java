package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.models.openai.FakeOpenAiServer;
import dev.evalgate.otel.OtlpReceiver;

/**
 * A suite whose bundle names {@code openai:tiny-chat}, run end to end through the CLI in a child process (so the API
 * key can be put in its environment, the only place it is read from) against the loopback server: the runner
 * retries a 429 after the server's {@code Retry-After} and a 500, the schema goes out as {@code response_format},
 * tokens and the served model's fingerprint (with the server build's {@code system_fingerprint}) are recorded, the
 * key appears in no file the run, the inference cache or the model cache holds nor in the OpenTelemetry export
 * (streamed and whole answers alike), a new server build misses the cache, and the recorded entries replay the
 * suite with the server gone.
 */
class OpenAiSuiteRunTest {
    static final String KEY = "sk-evalgate-e2e-8c41f09d2b7a";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {true, false})
    void runsASuiteRetriesAsTheServerAsksAndNeverWritesTheKey(boolean streamed) throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.bundle, String.join("\n",
                "id: tiny-bundle",
                "version: 1.0.0",
                "model: openai:tiny-chat",
                "system: Answer in JSON.",
                "template: \"Q: {{question}}\"",
                "params: {temperature: 0, seed: 7, max_tokens: 40, stop: [\"END\"]}",
                "output_schema: {type: object, required: [answer]}", ""));
        Path cache = tmp.resolve("cache");
        Path data = tmp.resolve("xdg-data");
        Path modelCache = tmp.resolve("model-cache");
        List<Path> logs = new ArrayList<>();
        List<byte[]> exported = new ArrayList<>();
        try (FakeOpenAiServer server = new FakeOpenAiServer("tiny-chat");
             OtlpReceiver collector = new OtlpReceiver()) {
            server.answer = request -> "{\"answer\": \"ok\"}";
            server.replies.add(FakeOpenAiServer.status(429, "Rate limit reached", "1"));
            server.replies.add(FakeOpenAiServer.status(500, "The server had an error", null));

            List<String> otel = List.of("--otel", collector.url(), "--otel-content");
            logs.add(runCli(project, server, cache, data, modelCache, streamed, otel));

            assertThat(server.chatCalls.get()).as("three cases, one of them tried three times").isEqualTo(5);
            long waitedNanos = server.chatArrivals.get(1) - server.chatArrivals.get(0);
            assertThat(waitedNanos).as("the retry waited for Retry-After: 1, longer than the 500 ms backoff")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000));
            for (JsonNode request : server.chatRequests) {
                assertThat(request.path("response_format").path("json_schema").path("schema").path("required")
                        .toString()).isEqualTo("[\"answer\"]");
                assertThat(request.path("stop").toString()).isEqualTo("[\"END\"]");
                assertThat(request.path("stream").asBoolean()).isEqualTo(streamed);
            }
            assertThat(collector.spans()).as("the run was exported").isNotEmpty();
            assertThat(collector.spans().stream().filter(span -> span.getAttributesList().stream()
                    .anyMatch(a -> a.getKey().startsWith("gen_ai.") && a.getValue().getStringValue()
                            .contains("answer")))).as("--otel-content attached the outputs").isNotEmpty();
            collector.traces.forEach(request -> exported.add(request.toByteArray()));
            collector.metrics.forEach(request -> exported.add(request.toByteArray()));

            if (streamed) {
                // The same server build again: every request is answered from the cache.
                logs.add(runCli(project, server, cache, data, modelCache, true, List.of()));
                assertThat(server.chatCalls.get()).as("an unchanged server build hits the cache").isEqualTo(5);
                // Another build of the server (same model list, new system_fingerprint): the entries are stale.
                server.systemFingerprint = "fp_next_build";
                logs.add(runCli(project, server, cache, data, modelCache, true, List.of()));
                assertThat(server.chatCalls.get()).as("a new server build is called afresh").isEqualTo(8);
            }
        }
        List<Path> runs = runDirectories(project.root.resolve("runs"));
        Path run = runs.get(0);
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
            results.add(JSON.readTree(line));
        }
        assertThat(results).hasSize(3);
        for (JsonNode result : results) {
            assertThat(result.path("output").asText()).isEqualTo("{\"answer\": \"ok\"}");
            assertThat(result.path("error").isNull() || result.path("error").isMissingNode()).as(result.toString())
                    .isTrue();
        }
        String runJson = Files.readString(run.resolve("run.json"));
        assertThat(runJson).contains("\"backend\" : \"openai\"").contains("tiny-chat@sha256:")
                .contains("+system_fingerprint:fp_loopback").contains("+response_format@sha256:");
        if (streamed) {
            assertThat(runs).hasSize(3);
            assertThat(Files.readString(runs.get(2).resolve("run.json")))
                    .contains("+system_fingerprint:fp_next_build");
        }

        List<Path> written = new ArrayList<>(filesUnder(project.root));
        written.addAll(filesUnder(cache));
        written.addAll(filesUnder(data));
        written.addAll(filesUnder(modelCache));
        written.addAll(logs);
        assertThat(filesUnder(cache)).as("the cache recorded the calls").isNotEmpty();
        for (Path file : written) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(KEY);
        }
        assertThat(exported).isNotEmpty();
        for (byte[] request : exported) {
            assertThat(new String(request, StandardCharsets.ISO_8859_1)).as("an OTLP export").doesNotContain(KEY);
        }

        // With the server gone, the recorded entries replay the suite: the cache works for this backend.
        CliFixture.Outcome replay = CliFixture.runCli("run", project.suite.toString(), "--cache-dir", cache.toString(),
                "--cache-mode", "replay", "--history", "off", "--quiet");
        assertThat(replay.code()).as(replay.err() + replay.out()).isZero();
    }

    /** Runs the suite in a child process whose environment holds the key, and returns its output's file. */
    private Path runCli(CliFixture project, FakeOpenAiServer server, Path cache, Path data, Path modelCache,
                        boolean streamed, List<String> extra) throws Exception {
        Path log = Files.createTempFile(tmp, "cli", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", project.suite.toString(), "--openai-url", server.url().toString(),
                "--openai-key-env", "EVALGATE_E2E_KEY", "--cache-dir", cache.toString(), "--quiet"));
        if (!streamed) {
            command.add("--openai-no-stream");
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("EVALGATE_E2E_KEY", KEY);
        builder.environment().put("XDG_DATA_HOME", data.toString());
        builder.environment().put("EVALGATE_CACHE", modelCache.toString());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("OPENAI_BASE_URL");
        Process cli = builder.start();
        assertThat(cli.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(log)).isZero();
        return log;
    }

    /** The run directories under {@code runs}, oldest first. */
    private static List<Path> runDirectories(Path runs) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(dir -> Files.isRegularFile(dir.resolve("run.json"))).sorted().toList();
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
