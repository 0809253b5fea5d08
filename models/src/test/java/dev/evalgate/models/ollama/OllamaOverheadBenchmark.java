package dev.evalgate.models.ollama;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;

/**
 * What the {@code ollama} backend costs per call on top of the HTTP exchange itself, against the loopback server
 * of the tests (which answers at once with a four-chunk stream). Prints median and p95 of a full
 * {@link ModelClient#complete} call and of a bare JDK HTTP POST reading the same stream, and their difference.
 *
 * <p>Run: {@code mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} then
 * {@code java -cp models/target/test-classes:models/target/classes:$(cat models/target/cp.txt)
 * dev.evalgate.models.ollama.OllamaOverheadBenchmark [calls]}.
 */
public final class OllamaOverheadBenchmark {
    private OllamaOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        // Ollama's Go server sends every chunk at once; without this the JDK test server's Nagle delays dominate.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String model = "qwen2.5:0.5b";
        try (FakeOllamaServer server = new FakeOllamaServer(model)) {
            server.answer = request -> "Paris is the capital.";
            BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), Path.of("target"),
                    Map.of(OllamaSettings.URL, server.url().toString()));
            ModelRequest request = new ModelRequest("Answer briefly.", List.of(ChatMessage.user("Capital of France?")),
                    new GenerationParams(0, 42, 16, 1.0), Duration.ofSeconds(10), "bench");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest raw = HttpRequest.newBuilder(URI.create(server.url() + "/api/chat"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"system\",\"content\":\"Answer briefly.\"},{\"role\":\"user\","
                            + "\"content\":\"Capital of France?\"}],\"options\":{\"temperature\":0.0,\"seed\":42}}"))
                    .build();
            try (ModelClient client = new OllamaClientProvider().open(ModelRef.parse("ollama:" + model), options)) {
                double[] backend = new double[calls];
                double[] bare = new double[calls];
                for (int i = 0; i < calls / 4; i++) { // warm up both paths
                    client.complete(request);
                    bareExchange(http, raw);
                }
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    client.complete(request);
                    backend[i] = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    bareExchange(http, raw);
                    bare[i] = (System.nanoTime() - start) / 1e6;
                }
                print("ollama backend complete()", backend);
                print("bare JDK HTTP exchange", bare);
                System.out.printf(Locale.ROOT, "overhead: median %.3f ms, p95 %.3f ms (%d calls each)%n",
                        percentile(backend, 50) - percentile(bare, 50), percentile(backend, 95) - percentile(bare, 95),
                        calls);
            }
        }
    }

    /** Reads the stream up to Ollama's final chunk, as the backend does, without parsing anything. */
    private static void bareExchange(HttpClient http, HttpRequest raw) throws Exception {
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                http.send(raw, HttpResponse.BodyHandlers.ofInputStream()).body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.contains("\"done\":true")) {
                // keep reading
            }
        }
    }

    private static void print(String label, double[] millis) {
        System.out.printf(Locale.ROOT, "%-28s median %.3f ms, p95 %.3f ms%n", label, percentile(millis, 50),
                percentile(millis, 95));
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
