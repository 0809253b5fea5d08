package dev.evalgate.otel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OpenTelemetry collector on loopback, as far as OTLP/HTTP with protobuf goes: it accepts {@code /v1/traces}
 * and {@code /v1/metrics} export requests, decodes them with the protocol's own classes and keeps what arrived.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    public final List<ExportTraceServiceRequest> traces = Collections.synchronizedList(new ArrayList<>());
    public final List<ExportMetricsServiceRequest> metrics = Collections.synchronizedList(new ArrayList<>());
    public final List<String> rejected = Collections.synchronizedList(new ArrayList<>());

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            if (accept(exchange)) {
                traces.add(ExportTraceServiceRequest.parseFrom(body(exchange)));
                reply(exchange, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
            }
        });
        server.createContext("/v1/metrics", exchange -> {
            if (accept(exchange)) {
                metrics.add(ExportMetricsServiceRequest.parseFrom(body(exchange)));
                reply(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        synchronized (traces) {
            traces.forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
                    .forEach(ss -> spans.addAll(ss.getSpansList()))));
        }
        return spans;
    }

    public List<Metric> metricList() {
        List<Metric> all = new ArrayList<>();
        synchronized (metrics) {
            metrics.forEach(r -> r.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList()
                    .forEach(sm -> all.addAll(sm.getMetricsList()))));
        }
        return all;
    }

    /** The service name the traces were sent under. */
    public List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        synchronized (traces) {
            traces.forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .forEach(a -> names.add(a.getValue().getStringValue()))));
        }
        return names;
    }

    private boolean accept(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-protobuf".equals(type)) {
            rejected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + type);
            exchange.sendResponseHeaders(415, -1);
            exchange.close();
            return false;
        }
        return true;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    return unzipped.readAllBytes();
                }
            }
            return raw;
        }
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
