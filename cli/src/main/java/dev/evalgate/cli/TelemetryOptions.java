package dev.evalgate.cli;

import java.util.HashMap;
import java.util.Map;

import dev.evalgate.datasets.InvalidInputException;

/** Translates {@code --otel} and {@code --otel-content} into the settings the telemetry observer reads. */
final class TelemetryOptions {
    private TelemetryOptions() {
    }

    static Map<String, String> settings(String otel, boolean content) {
        Map<String, String> settings = new HashMap<>();
        if (otel != null) {
            if (!otel.equals("true") && !otel.startsWith("http://") && !otel.startsWith("https://")) {
                throw new InvalidInputException(null, 0, "--otel", "takes the collector's OTLP/HTTP base URL, such as"
                        + " http://localhost:4318, or nothing; was '" + otel + "'");
            }
            settings.put("otel", otel);
        }
        if (content) {
            if (otel == null && !inEnvironment()) {
                throw new InvalidInputException(null, 0, "--otel-content", "only applies with --otel (or"
                        + " OTEL_EXPORTER_OTLP_ENDPOINT set)");
            }
            settings.put("otel.content", "true");
        }
        return settings;
    }

    private static boolean inEnvironment() {
        return System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != null
                || System.getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null;
    }
}
