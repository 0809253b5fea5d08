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

import dev.evalgate.models.http.TeamService;

/**
 * A suite whose bundle names {@code http:service.yaml}, run through the CLI in a child process (the secret header's
 * value can only come from its environment) against a team's service on loopback: the output comes from the answer
 * at the JSON Pointer, a 503 with {@code Retry-After} is retried, and the secret appears in no file the run writes,
 * although the service echoes it in an error.
 */
class HttpServiceSuiteRunTest {
    static final String TOKEN = "svc-secret-5d3e8a1f60c2";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void evaluatesTheServiceAndNeverWritesItsSecret() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        Path cache = tmp.resolve("cache");
        Path data = tmp.resolve("xdg-data");
        Path log = tmp.resolve("cli.log");
        try (TeamService service = new TeamService(TOKEN)) {
            CliFixture.write(project.root.resolve("service.yaml"), service.definition("/data/answer", "SUPPORT_TOKEN"));
            CliFixture.write(project.bundle, String.join("\n",
                    "id: tiny-bundle",
                    "version: 1.0.0",
                    "model: http:service.yaml",
                    "system: Answer in JSON.",
                    "template: \"{{question}}\"", ""));
            service.scripted.add(new TeamService.Scripted(503, "{\"error\": \"busy, token Bearer " + TOKEN + "\"}",
                    "1"));

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", project.suite.toString(), "--cache-dir", cache.toString(), "--quiet")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SUPPORT_TOKEN", TOKEN);
            builder.environment().put("XDG_DATA_HOME", data.toString());
            builder.environment().put("EVALGATE_CACHE", tmp.resolve("model-cache").toString());
            Process cli = builder.start();
            assertThat(cli.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(cli.exitValue()).as(Files.readString(log)).isZero();
            assertThat(service.requests).hasSize(4);
            assertThat(service.authorizations).containsOnly("Bearer " + TOKEN);
            assertThat(service.requests).extracting(r -> r.path("question").asText())
                    .contains("What is 2+2?", "Capital of France?", "Say hi");
        }
        Path run = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
        List<String> outputs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
            JsonNode result = JSON.readTree(line);
            outputs.add(result.path("output").asText());
        }
        assertThat(outputs).containsExactlyInAnyOrder("{\"answer\": \"12 characters\"}",
                "{\"answer\": \"18 characters\"}", "{\"answer\": \"6 characters\"}");
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"backend\" : \"http\"")
                .contains("service@sha256:");

        List<Path> written = new ArrayList<>(filesUnder(project.root));
        written.addAll(filesUnder(cache));
        written.addAll(filesUnder(data));
        written.add(log);
        assertThat(filesUnder(cache)).as("the cache recorded the calls").isNotEmpty();
        for (Path file : written) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(TOKEN);
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
