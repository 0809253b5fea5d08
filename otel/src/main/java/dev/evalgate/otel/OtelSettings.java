package dev.evalgate.otel;

import java.util.Map;
import java.util.Optional;

/**
 * When and where a run is exported, from the front end's settings and the standard OpenTelemetry environment.
 *
 * <p>Off unless the user asks: the {@value #ENABLED} setting ({@code --otel}, whose value is {@code true} or the
 * collector's base URL), or {@code OTEL_EXPORTER_OTLP_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} in the
 * environment. {@code OTEL_SDK_DISABLED=true} turns it off whatever else is set.
 *
 * @param endpoint an OTLP/HTTP base URL given with {@code --otel URL}; empty to use the environment's or the
 *                 standard default ({@code http://localhost:4318})
 * @param content  attach prompts and outputs to the call spans ({@value #CONTENT}); off by default, for privacy
 */
public record OtelSettings(Optional<String> endpoint, boolean content) {
    /** The front end's setting that turns export on: {@code true}, or the collector's OTLP/HTTP base URL. */
    public static final String ENABLED = "otel";
    /** The front end's setting that attaches prompts and outputs: {@code true} or {@code false}. */
    public static final String CONTENT = "otel.content";

    public OtelSettings {
        endpoint = endpoint == null ? Optional.empty() : endpoint;
    }

    /** Empty when nothing turns export on. */
    public static Optional<OtelSettings> from(Map<String, String> settings, Map<String, String> environment) {
        if ("true".equalsIgnoreCase(environment.getOrDefault("OTEL_SDK_DISABLED", "").trim())) {
            return Optional.empty();
        }
        String flag = settings.get(ENABLED);
        boolean byEnvironment = present(environment, "OTEL_EXPORTER_OTLP_ENDPOINT")
                || present(environment, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if ((flag == null || flag.equalsIgnoreCase("false")) && !byEnvironment) {
            return Optional.empty();
        }
        if (flag != null && flag.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        Optional<String> endpoint = Optional.ofNullable(flag).filter(f -> !f.equalsIgnoreCase("true")).map(f -> {
            if (!f.startsWith("http://") && !f.startsWith("https://")) {
                throw new IllegalArgumentException("--otel takes the collector's OTLP/HTTP base URL, such as "
                        + "http://localhost:4318, not '" + f + "'");
            }
            return f;
        });
        return Optional.of(new OtelSettings(endpoint, "true".equalsIgnoreCase(settings.get(CONTENT))));
    }

    private static boolean present(Map<String, String> environment, String key) {
        String value = environment.get(key);
        return value != null && !value.isBlank();
    }
}
