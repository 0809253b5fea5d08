package dev.evalgate.reports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.internal.Json;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: starts headless Chromium with a debugging
 * port on loopback, attaches to its page, and sends commands. Enough to navigate and read timings the page and
 * the browser recorded, and drive the page with script as a user would with the mouse; nothing else.
 */
public final class DevToolsSession implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private DevToolsSession(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    public static DevToolsSession start(Path chromium, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Path portFile = profile.resolve("DevToolsActivePort");
        Files.deleteIfExists(portFile);
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile.toAbsolutePath(),
                "about:blank").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return attach(process, portFile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static DevToolsSession attach(Process process, Path portFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("Chromium did not open its debugging port");
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        while (pageSocket == null) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : Json.MAPPER.readTree(list.body())) {
                if ("page".equals(target.path("type").asText())) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(50);
            }
        }
        DevToolsSession[] holder = new DevToolsSession[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String message = partial.toString();
                    partial.setLength(0);
                    while (holder[0] == null) {
                        Thread.onSpinWait();
                    }
                    holder[0].receive(message);
                }
                ws.request(1);
                return null;
            }
        }).join();
        holder[0] = new DevToolsSession(process, socket);
        return holder[0];
    }

    private void receive(String message) {
        try {
            JsonNode node = Json.MAPPER.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> future = pending.remove(node.get("id").asInt());
                if (future != null) {
                    future.complete(node);
                }
            } else {
                events.add(node);
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable DevTools message", e);
        }
    }

    public JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, future);
        socket.sendText(Json.MAPPER.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .join();
        JsonNode reply = future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Waits for the next event with this method name, dropping others. */
    public JsonNode awaitEvent(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && method.equals(event.path("method").asText())) {
                return event;
            }
        }
        throw new IllegalStateException("no " + method + " within " + TIMEOUT);
    }

    /**
     * Opens {@code url} in the page as a fresh document and waits for its load event. It passes through
     * {@code about:blank} first: a URL differing only in its fragment would otherwise just scroll the open page.
     */
    public void open(String url) throws Exception {
        send("Page.enable", Map.of());
        for (String next : new String[] {"about:blank", url}) {
            clearEvents();
            send("Page.navigate", Map.of("url", next));
            awaitEvent("Page.loadEventFired");
        }
    }

    /**
     * Waits until the page's script has built the case list: a large report unpacks its case data asynchronously,
     * after the load event.
     */
    public void awaitCaseList() throws Exception {
        evaluate("new Promise((ready, failed) => { const since = Date.now(); (function poll() {"
                + " if (document.documentElement.hasAttribute('data-ready-ms')) { ready('ready'); }"
                + " else if (Date.now() - since > 60000) { failed(new Error('case list not ready: '"
                + " + document.getElementById('list-status').textContent)); }"
                + " else { setTimeout(poll, 20); } })(); })");
    }

    /** Evaluates an expression in the page (awaiting it if it is a promise) and returns its value as JSON text. */
    public String evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    public void clearEvents() {
        events.clear();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The browser is killed next anyway.
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
