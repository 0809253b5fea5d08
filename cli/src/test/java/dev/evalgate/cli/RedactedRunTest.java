package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.judges.privacy.Finding;
import dev.evalgate.judges.privacy.PrivacyScanner;

/**
 * A suite with {@code redact: [pii, secrets]} scores the real outputs, then stores none of the detected values: not
 * in any file of the run directory, not in the HTML report as Chromium renders it. The same suite without
 * {@code redact} gives the same scores and does store the values, so the test can tell the difference.
 */
class RedactedRunTest {
    private static final String EMAIL = "jane.doe@gmail.com";
    private static final String NEW_EMAIL = "j.smith@outlook.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String PHONE = "(415) 555-2671";
    private static final String TOKEN = "ghp_" + "k3J9xQ2mZ7pL4vT8wR1yN6bC5dF0hG2sA9eU";
    private static final List<String> PLANTED = List.of(EMAIL, NEW_EMAIL, CARD, "4111111111111111", PHONE,
            "555-2671", TOKEN);

    @TempDir
    Path root;

    private void project() {
        CliFixture.write(root.resolve("corpus/cases.jsonl"), String.join("\n",
                "{\"id\": \"refund\", \"input\": {\"ticket\": \"I am " + EMAIL + ", card " + CARD
                        + " was charged twice.\"}}",
                "{\"id\": \"leak\", \"input\": {\"ticket\": \"Where is my parcel?\"}}",
                "{\"id\": \"clean\", \"input\": {\"ticket\": \"How do I reset my password?\"}}", ""));
        CliFixture.write(root.resolve("corpus/manifest.yaml"), "name: tickets\nversion: 1.0.0\nlicense: MIT\n"
                + "sha256: " + "0".repeat(64) + "\n");
        assertThat(CliFixture.runCli("datasets", "freeze", root.resolve("corpus").toString()).code()).isZero();
        ObjectMapper json = new ObjectMapper();
        try {
            CliFixture.write(root.resolve("outputs.jsonl"), String.join("\n",
                    json.writeValueAsString(Map.of("id", "refund", "output", "Refund for " + EMAIL + " on card "
                            + CARD + "; a copy went to " + NEW_EMAIL + ".")),
                    json.writeValueAsString(Map.of("id", "leak", "output", "Call (415) 555-2671, or use token "
                            + TOKEN + " to track it. Mail " + NEW_EMAIL)),
                    json.writeValueAsString(Map.of("id", "clean", "output", "Use the Forgot password link.")), ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliFixture.write(root.resolve("bundle.yaml"), String.join("\n", "id: tickets", "version: 1.0.0",
                "model: replay:outputs.jsonl", "system: Summarise the ticket.", "template: \"{{ticket}}\"", ""));
        String suite = String.join("\n", "name: tickets", "bundle: bundle.yaml", "corpora: [corpus]", "scorers:",
                "  - {name: pii, type: pii-leak, params: {only_new: true}}",
                "  - {name: secrets, type: secret-leak}",
                "  - {name: overlap, type: token-f1, params: {threshold: 0.0}}",
                "gate:", "  min_pass_rate:", "    - {scorer: pii, min: 1.0}", "");
        CliFixture.write(root.resolve("plain.suite.yaml"), suite);
        CliFixture.write(root.resolve("redacted.suite.yaml"), suite + "redact: [pii, secrets]\n");
    }

    private Path run(String suite) throws IOException {
        Path runs = root.resolve("runs-" + suite);
        CliFixture.Outcome outcome = CliFixture.runCli("run", root.resolve(suite + ".suite.yaml").toString(), "--out",
                runs.toString(), "--quiet");
        assertThat(outcome.code()).as(outcome.err() + outcome.out()).isEqualTo(1); // the gate fails on pii
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void aRedactingSuiteStoresNoDetectedValueAndScoresLikeThePlainOne() throws Exception {
        project();
        Path plain = run("plain");
        Path redacted = run("redacted");

        assertThat(scores(redacted)).isEqualTo(scores(plain)).containsEntry("refund/pii", false)
                .containsEntry("leak/secrets", false).containsEntry("clean/pii", true);
        assertThat(Files.readString(plain.resolve("results.jsonl"))).contains(EMAIL, TOKEN);

        PrivacyScanner scanner = new PrivacyScanner(EnumSet.allOf(PrivacyScanner.Kind.class));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(redacted)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files.stream().map(f -> f.getFileName().toString())).contains("results.jsonl", "report.json",
                "report.html", "junit.xml", "summary.md");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String value : PLANTED) {
                assertThat(text).as(file + " holds a planted value").doesNotContain(value);
            }
            if (!file.getFileName().toString().endsWith(".html")) {
                assertThat(scanner.find(text)).as(file.toString()).isEmpty();
            }
        }
        assertThat(Files.readString(redacted.resolve("results.jsonl"))).contains("[EMAIL_1]", "[SECRET_1]",
                "[CREDIT_CARD_1]", "[PHONE_1]");

        String dom = renderedDom(redacted.resolve("report.html"));
        assertThat(dom).contains("[EMAIL_1]");
        String visibleText = dom.replaceAll("(?s)<script.*?</script>|<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        for (String value : PLANTED) {
            assertThat(dom).as("rendered report").doesNotContain(value);
        }
        List<Finding> inPage = scanner.find(visibleText);
        assertThat(inPage).as("entities in the rendered page's text").isEmpty();
    }

    private static Map<String, Boolean> scores(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Boolean> out = new TreeMap<>();
        for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
            JsonNode result = json.readTree(line);
            for (JsonNode score : result.get("scores")) {
                out.put(result.get("caseId").asText() + "/" + score.get("name").asText(), score.get("passed").asBoolean());
                out.put(result.get("caseId").asText() + "/" + score.get("name").asText() + "=" + score.get("value").asText(),
                        true);
            }
        }
        return out;
    }

    /** The report's DOM after Chromium ran its scripts, as {@code --dump-dom} serialises it. */
    private String renderedDom(Path html) throws IOException, InterruptedException {
        Path chromium = Path.of(System.getProperty("evalgate.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String message = "headless Chromium not found at " + chromium + "; install it ('apt-get install -y"
                    + " chromium') or run with -Devalgate.skipBrowser=true";
            if (Boolean.getBoolean("evalgate.skipBrowser")) {
                Assumptions.abort(message);
            }
            fail(message);
        }
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-extensions",
                "--user-data-dir=" + root.resolve("chromium-profile"), "--dump-dom", html.toUri().toString()));
        Path out = root.resolve("dom.html");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(root.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish within 120 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
