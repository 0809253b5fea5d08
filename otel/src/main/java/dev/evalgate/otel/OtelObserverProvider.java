package dev.evalgate.otel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import dev.evalgate.engine.observe.RunObserver;
import dev.evalgate.engine.observe.RunObserverProvider;

/**
 * Turns on the OpenTelemetry export when {@link OtelSettings} say so. The SDK is configured the standard way
 * (every {@code OTEL_*} variable and {@code otel.*} system property applies: endpoint, headers, service name,
 * resource attributes, sampler), with defaults that suit a command-line run: OTLP over HTTP with protobuf,
 * service {@code evalgate}, no log export, nothing left to a JVM shutdown hook.
 */
public final class OtelObserverProvider implements RunObserverProvider {
    @Override
    public String name() {
        return "otel";
    }

    @Override
    public Optional<RunObserver> open(Map<String, String> settings) {
        return OtelSettings.from(settings, System.getenv()).map(OtelObserverProvider::open);
    }

    static RunObserver open(OtelSettings settings) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", "evalgate");
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.traces.exporter", "otlp");
        defaults.put("otel.metrics.exporter", "otlp");
        defaults.put("otel.logs.exporter", "none");
        // A run can hold tens of thousands of spans: keep them queued rather than drop them while the exporter works.
        defaults.put("otel.bsp.max.queue.size", "65536");
        defaults.put("otel.bsp.max.export.batch.size", "2048");
        PresetIds ids = new PresetIds();
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addPropertiesCustomizer(config -> settings.endpoint()
                        .map(url -> Map.of("otel.exporter.otlp.endpoint", url,
                                // An explicit --otel URL wins over per-signal endpoints in the environment.
                                "otel.exporter.otlp.traces.endpoint", join(url, "v1/traces"),
                                "otel.exporter.otlp.metrics.endpoint", join(url, "v1/metrics")))
                        .orElse(Map.of()))
                .addTracerProviderCustomizer((builder, config) -> builder.setIdGenerator(ids))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new RunTelemetry(sdk, ids, settings.content(), settings.endpoint().orElse("the configured endpoint"));
    }

    private static String join(String base, String path) {
        return base.endsWith("/") ? base + path : base + "/" + path;
    }
}
