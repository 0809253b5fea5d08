package dev.evalgate.models;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import dev.evalgate.engine.SutRequest;
import dev.evalgate.engine.SystemUnderTest;
import dev.evalgate.engine.internal.JavaSystemProvider;
import dev.evalgate.models.http.HttpClientProvider;
import dev.evalgate.models.openai.FakeOpenAiServer;
import dev.evalgate.models.openai.OpenAiClientProvider;
import dev.evalgate.models.openai.OpenAiSettings;

/**
 * What the {@code openai}, {@code http} and {@code java} backends cost per call on top of the exchange itself, as
 * {@code OllamaOverheadBenchmark} measures the {@code ollama} backend: each backend's {@link ModelClient#complete}
 * against a loopback server that answers at once, interleaved call by call with a bare JDK HTTP exchange of the
 * same request and answer (for {@code java}, a direct call of the same system). Prints median and p95 of both and
 * their difference. {@code bench/backend-overhead} builds the class path and runs it.
 */
public final class BackendOverheadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BackendOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        // Servers send their answer at once; without this the JDK test server's Nagle delays dominate.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ModelRequest request = new ModelRequest("Answer briefly.", List.of(ChatMessage.user("Capital of France?")),
                new GenerationParams(0, 42, 16, 1.0), Duration.ofSeconds(10), "bench");
        String chatBody = "{\"model\":\"tiny-chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer briefly.\"},"
                + "{\"role\":\"user\",\"content\":\"Capital of France?\"}],\"temperature\":0.0,\"top_p\":1.0,"
                + "\"max_tokens\":16,\"seed\":42";
        try (FakeOpenAiServer server = new FakeOpenAiServer("tiny-chat")) {
            server.answer = r -> "Paris is the capital.";
            URI chat = URI.create(server.url() + "/chat/completions");
            for (boolean stream : new boolean[] {true, false}) {
                BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), Path.of("target"),
                        Map.of(OpenAiSettings.URL, server.url().toString(), OpenAiSettings.STREAM, String.valueOf(stream)));
                HttpRequest raw = HttpRequest.newBuilder(chat).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(chatBody + (stream
                                ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "}"))).build();
                try (ModelClient client = new OpenAiClientProvider().open(ModelRef.parse("openai:tiny-chat"), options)) {
                    measure("openai (" + (stream ? "streamed" : "one JSON answer") + ")", calls,
                            () -> client.complete(request), () -> readAll(raw));
                }
            }
        }
        try (ServiceOnLoopback service = new ServiceOnLoopback()) {
            Path dir = Files.createTempDirectory("evalgate-bench");
            Files.writeString(dir.resolve("service.yaml"), "url: " + service.url() + "\nbody: {question: \"{{prompt}}\"}\n"
                    + "output: /answer\n");
            HttpRequest raw = HttpRequest.newBuilder(service.url()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Capital of France?\"}")).build();
            try (ModelClient client = new HttpClientProvider().open(ModelRef.parse("http:service.yaml"),
                    new BackendOptions(Optional.empty(), dir, dir, Map.of()))) {
                measure("http (team service)", calls, () -> client.complete(request), () -> readAll(raw));
            }
            Files.delete(dir.resolve("service.yaml"));
            Files.delete(dir);
        }
        SystemUnderTest system = new Answering();
        SutRequest direct = new SutRequest("Capital of France?", "Answer briefly.",
                List.of(ChatMessage.user("Capital of France?")), request.params(), "bench");
        try (ModelClient client = new JavaSystemProvider(Map.of("answering", system))
                .open(ModelRef.parse("java:answering"), new BackendOptions(Optional.empty(), null, null, null))) {
            measure("java (in-process, vs a direct call)", calls * 10, () -> client.complete(request),
                    () -> system.respond(direct));
        }
    }

    /** A system as small as can be, so the figure is the backend's own cost. */
    static final class Answering implements SystemUnderTest {
        @Override
        public String respond(SutRequest request) {
            return "Paris is the capital.";
        }
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private static void measure(String label, int calls, Call backend, Call bare) throws Exception {
        for (int i = 0; i < calls / 4; i++) { // warm up both paths
            backend.run();
            bare.run();
        }
        double[] viaBackend = new double[calls];
        double[] viaBare = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            backend.run();
            viaBackend[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            bare.run();
            viaBare[i] = (System.nanoTime() - start) / 1e6;
        }
        // Microseconds: the in-process backend's figures are far below a millisecond.
        System.out.printf(Locale.ROOT, "%-40s backend median %.1f us, p95 %.1f us | bare median %.1f us, p95 %.1f us"
                        + " | overhead median %.1f us, p95 %.1f us (%d calls)%n", label, 1000 * percentile(viaBackend, 50),
                1000 * percentile(viaBackend, 95), 1000 * percentile(viaBare, 50), 1000 * percentile(viaBare, 95),
                1000 * (percentile(viaBackend, 50) - percentile(viaBare, 50)),
                1000 * (percentile(viaBackend, 95) - percentile(viaBare, 95)), calls);
    }

    /** Reads the whole answer, as the backend must, without parsing it. */
    private static Object readAll(HttpRequest raw) throws Exception {
        try (InputStream body = HTTP.send(raw, HttpResponse.BodyHandlers.ofInputStream()).body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            while (lines.readLine() != null) {
                // keep reading to the end
            }
        }
        return null;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A service answering {@code {"answer": "..."}} at once, on loopback. */
    private static final class ServiceOnLoopback implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        ServiceOnLoopback() throws Exception {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(
                    java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
            server.createContext("/answer", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = "{\"answer\": \"Paris is the capital.\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/answer");
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
