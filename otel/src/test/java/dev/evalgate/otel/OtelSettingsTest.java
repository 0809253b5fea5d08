package dev.evalgate.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OtelSettingsTest {
    @Test
    void offUnlessTheFlagOrTheStandardEndpointVariablesAskForIt() {
        assertThat(OtelSettings.from(Map.of(), Map.of())).isEmpty();
        assertThat(OtelSettings.from(Map.of(), Map.of("OTEL_SERVICE_NAME", "x"))).isEmpty();
        assertThat(OtelSettings.from(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")))
                .hasValue(new OtelSettings(Optional.empty(), false));
        assertThat(OtelSettings.from(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c/v1/traces")))
                .isPresent();
        assertThat(OtelSettings.from(Map.of("otel", "true"), Map.of())).hasValue(new OtelSettings(Optional.empty(),
                false));
        assertThat(OtelSettings.from(Map.of("otel", "http://127.0.0.1:4318", "otel.content", "true"), Map.of()))
                .hasValue(new OtelSettings(Optional.of("http://127.0.0.1:4318"), true));
        assertThat(OtelSettings.from(Map.of("otel", "false"), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c")))
                .isEmpty();
        assertThat(OtelSettings.from(Map.of("otel", "true"), Map.of("OTEL_SDK_DISABLED", "true"))).isEmpty();
        assertThatThrownBy(() -> OtelSettings.from(Map.of("otel", "localhost:4318"), Map.of()))
                .hasMessageContaining("http://localhost:4318");
    }

    @Test
    void idsFollowFromEvalgatesOwnIds() {
        assertThat(PresetIds.traceId("run-1")).hasSize(32).isEqualTo(PresetIds.traceId("run-1"))
                .isNotEqualTo(PresetIds.traceId("run-2"));
        assertThat(PresetIds.spanId("run-1/c/a#0")).hasSize(16).isNotEqualTo(PresetIds.spanId("run-1/c/a#1"));
    }
}
