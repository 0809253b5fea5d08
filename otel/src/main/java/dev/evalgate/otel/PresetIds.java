package dev.evalgate.otel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * Trace and span ids that follow from evalgate's own ids, so a {@code results.jsonl} line leads to its span
 * without a lookup table: a run's trace id is {@link #traceId(String) derived from its run id}, and a case's span
 * id {@link #spanId(String) from the trace id the result records}. Other spans get random ids.
 *
 * <p>The SDK asks its generator for ids while a span starts; the exporter sets the ids it wants just before,
 * on the same thread.
 */
final class PresetIds implements IdGenerator {
    private final ThreadLocal<String> nextTraceId = new ThreadLocal<>();
    private final ThreadLocal<String> nextSpanId = new ThreadLocal<>();

    /** The OTel trace id of a run: the first 16 bytes of sha256("evalgate-run:" + runId), in hex. */
    static String traceId(String runId) {
        return nonZero(sha256Hex("evalgate-run:" + runId).substring(0, 32));
    }

    /** The OTel span id of a case (or of the run, with its run id): the first 8 bytes of sha256(id), in hex. */
    static String spanId(String evalgateTraceId) {
        return nonZero(sha256Hex(evalgateTraceId).substring(0, 16));
    }

    void presetTraceId(String traceId) {
        nextTraceId.set(traceId);
    }

    void presetSpanId(String spanId) {
        nextSpanId.set(spanId);
    }

    @Override
    public String generateSpanId() {
        String preset = nextSpanId.get();
        if (preset != null) {
            nextSpanId.remove();
            return preset;
        }
        return IdGenerator.random().generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String preset = nextTraceId.get();
        if (preset != null) {
            nextTraceId.remove();
            return preset;
        }
        return IdGenerator.random().generateTraceId();
    }

    private static String nonZero(String hex) {
        // An all-zero id is invalid in OTel; a digest that starts with it is vanishingly rare, but must still work.
        return hex.chars().allMatch(c -> c == '0') ? hex.substring(0, hex.length() - 1) + "1" : hex;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
