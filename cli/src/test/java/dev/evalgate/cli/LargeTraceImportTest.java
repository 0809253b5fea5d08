package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OTLP JSON export larger than the heap imports: {@code datasets import --format otlp-json} in a child JVM with
 * {@code -Xmx}{@value #HEAP} reads one {@value #SPANS}-span export request (the shape of the importer's test fixture,
 * a real Collector export, about 90 MB) span by span. Read whole, the file alone would not fit.
 */
class LargeTraceImportTest {
    static final int SPANS = 40_000;
    static final String HEAP = "48m";

    @TempDir
    Path dir;

    @Test
    void anExportLargerThanTheHeapImportsSpanBySpan() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode fixture = json.readTree(Path.of("..", "datasets", "src", "test", "resources", "dev", "evalgate",
                "datasets", "importers", "otlp-traces.json").toFile());
        JsonNode resource = fixture.path("resourceSpans").get(0);
        String span = json.writeValueAsString(resource.path("scopeSpans").get(0).path("spans").get(0));
        String padding = "Order history and notes. ".repeat(80);
        Path export = dir.resolve("traces.json");
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            out.write("{\"resourceSpans\": [{\"resource\": " + json.writeValueAsString(resource.path("resource"))
                    + ",\n \"scopeSpans\": [{\"scope\": {\"name\": \"opentelemetry.instrumentation.openai_v2\"},"
                    + "\n  \"spans\": [\n");
            for (int i = 0; i < SPANS; i++) {
                out.write((i == 0 ? "" : ",\n") + span.replace("eee19b7ec3c1b174", String.format("%016x", i + 1L))
                        .replace("How long do refunds take?", "How long do refunds take for order " + i + "? "
                                + padding));
            }
            out.write("\n]}]}]}\n");
        }
        assertThat(Files.size(export)).isGreaterThan(80L << 20);

        Path corpus = dir.resolve("corpus");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "datasets", "import", "--format", "otlp-json", export.toString(),
                "--out", corpus.toString(), "--name", "production", "--version", "1.0.0");
        Path log = dir.resolve("child.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the import did not finish within 300 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("production 1.0.0, " + SPANS + " cases");
        try (var lines = Files.lines(corpus.resolve("cases.jsonl"))) {
            assertThat(lines.count()).isEqualTo(SPANS);
        }
        // the last span is whole, with the line it starts on in the export
        String last = Files.readAllLines(corpus.resolve("cases.jsonl")).get(SPANS - 1);
        assertThat(last).contains("span-" + String.format("%016x", (long) SPANS), "for order " + (SPANS - 1),
                "\"source_line\":" + (SPANS + 3));
    }
}
