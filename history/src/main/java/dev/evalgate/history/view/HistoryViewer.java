package dev.evalgate.history.view;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.history.HistoryException;
import dev.evalgate.history.HistoryLocation;
import dev.evalgate.history.HistoryQueries;
import dev.evalgate.history.HistoryStore;
import dev.evalgate.history.drift.DriftDetector;
import dev.evalgate.history.drift.DriftSettings;

/**
 * A local, read-only web viewer over the run history, on the JDK's HTTP server: runs with filters, metric trends
 * with interval bands and drift marks, a case's history, and two runs side by side as {@code compare} shows them.
 *
 * <p>It binds to the loopback address unless told otherwise, answers only GET and HEAD, sends pages without any
 * script (the Content-Security-Policy forbids scripts outright), and refuses a request whose Host header is not
 * one of its own names, so a page elsewhere cannot reach it through DNS rebinding.
 */
public final class HistoryViewer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final HistoryLocation location;
    private final ViewerPages pages;
    private final Set<String> allowedHosts = new HashSet<>();

    private HistoryViewer(HttpServer server, ExecutorService executor, HistoryLocation location, ViewerPages pages) {
        this.server = server;
        this.executor = executor;
        this.location = location;
        this.pages = pages;
    }

    /**
     * Starts serving.
     *
     * @param port 0 for any free port
     */
    public static HistoryViewer start(HistoryLocation location, InetAddress bind, int port, DriftSettings drift)
            throws IOException {
        // Opening once up front: a wrong location fails here, with its message, not on the first page.
        HistoryStore.open(location).close();
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "evalgate-viewer");
            t.setDaemon(true);
            return t;
        });
        HistoryViewer viewer = new HistoryViewer(server, executor, location, new ViewerPages(new DriftDetector(drift)));
        int actual = server.getAddress().getPort();
        viewer.allowedHosts.add(hostPort(bind.getHostAddress(), actual));
        if (bind.isLoopbackAddress()) {
            viewer.allowedHosts.add("localhost:" + actual);
            viewer.allowedHosts.add("127.0.0.1:" + actual);
            viewer.allowedHosts.add("[::1]:" + actual);
        } else {
            viewer.allowedHosts.add(hostPort(bind.getHostName(), actual));
        }
        server.setExecutor(executor);
        server.createContext("/", viewer::handle);
        server.start();
        return viewer;
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).toLowerCase(Locale.ROOT) + ":"
                + port;
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isLoopbackAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !allowedHosts.contains(host.trim().toLowerCase(Locale.ROOT))) {
                send(exchange, 421, "text/plain", "This viewer answers only to " + String.join(", ",
                        new java.util.TreeSet<>(allowedHosts)) + ".\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "The viewer is read-only.\n");
                return;
            }
            BiFunction<HistoryQueries, Map<String, String>, String> page = switch (exchange.getRequestURI()
                    .getPath()) {
                case "/" -> pages::runs;
                case "/trend" -> pages::trends;
                case "/case" -> pages::caseHistory;
                case "/compare" -> pages::compare;
                default -> null;
            };
            if (page == null) {
                send(exchange, 404, "text/html", Html.page("Not found", "<h1>Not found</h1><p><a href=\"/\">Runs</a>"
                        + "</p>"));
                return;
            }
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            String html;
            try (HistoryStore store = HistoryStore.open(location)) {
                html = page.apply(store.queries(), params);
            } catch (InvalidInputException | IllegalArgumentException e) {
                send(exchange, 400, "text/html", Html.page("Bad request", "<h1>Bad request</h1><p>"
                        + Html.esc(e.getMessage()) + "</p>"));
                return;
            } catch (HistoryException e) {
                send(exchange, 500, "text/html", Html.page("History unavailable", "<h1>History unavailable</h1><p>"
                        + Html.esc(e.getMessage()) + "</p>"));
                return;
            }
            send(exchange, 200, "text/html", html);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!value.isEmpty()) {
                params.putIfAbsent(key, value);
            }
        }
        return params;
    }

    public HistoryLocation location() {
        return location;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
