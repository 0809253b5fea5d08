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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.models.openai.FakeOpenAiServer;

/**
 * A suite whose bundle names {@code openai:tiny-chat}, run end to end through the CLI in a child process (so the API
 * key can be put in its environment, the only place it is read from) against the loopback server: the runner
 * retries a 429 after the server's {@code Retry-After} and a 500, the schema goes out as {@code response_format},
 * tokens and the served model's fingerprint are recorded, the key appears in no file the run writes, and the
 * recorded entries replay the suite with the server gone.
 */
class OpenAiSuiteRunTest {
    static final String KEY = "sk-evalgate-e2e-8c41f09d2b7a";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void runsASuiteRetriesAsTheServerAsksAndNeverWritesTheKey() throws Exception {
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
        Path log = tmp.resolve("cli.log");
        try (FakeOpenAiServer server = new FakeOpenAiServer("tiny-chat")) {
            server.answer = request -> "{\"answer\": \"ok\"}";
            server.replies.add(FakeOpenAiServer.status(429, "Rate limit reached", "1"));
            server.replies.add(FakeOpenAiServer.status(500, "The server had an error", null));

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", project.suite.toString(), "--openai-url", server.url().toString(),
                    "--openai-key-env", "EVALGATE_E2E_KEY", "--cache-dir", cache.toString(), "--quiet")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("EVALGATE_E2E_KEY", KEY);
            builder.environment().put("XDG_DATA_HOME", data.toString());
            builder.environment().put("EVALGATE_CACHE", tmp.resolve("model-cache").toString());
            builder.environment().remove("OPENAI_API_KEY");
            builder.environment().remove("OPENAI_BASE_URL");
            Process cli = builder.start();
            assertThat(cli.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(log);
            assertThat(cli.exitValue()).as(output).isZero();

            assertThat(server.chatCalls.get()).as("three cases, one of them tried three times").isEqualTo(5);
            long waitedNanos = server.chatArrivals.get(1) - server.chatArrivals.get(0);
            assertThat(waitedNanos).as("the retry waited for Retry-After: 1, longer than the 500 ms backoff")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000));
            for (JsonNode request : server.chatRequests) {
                assertThat(request.path("response_format").path("json_schema").path("schema").path("required")
                        .toString()).isEqualTo("[\"answer\"]");
                assertThat(request.path("stop").toString()).isEqualTo("[\"END\"]");
            }
        }
        Path run = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
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
                .contains("+response_format@sha256:");

        List<Path> written = new ArrayList<>(filesUnder(project.root));
        written.addAll(filesUnder(cache));
        written.addAll(filesUnder(data));
        written.add(log);
        assertThat(filesUnder(cache)).as("the cache recorded the calls").isNotEmpty();
        for (Path file : written) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(KEY);
        }

        // With the server gone, the recorded entries replay the suite: the cache works for this backend.
        CliFixture.Outcome replay = CliFixture.runCli("run", project.suite.toString(), "--cache-dir", cache.toString(),
                "--cache-mode", "replay", "--history", "off", "--quiet");
        assertThat(replay.code()).as(replay.err() + replay.out()).isZero();
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
