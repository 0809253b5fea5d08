package dev.evalgate.engine.cache;

import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.internal.Measures;

/**
 * A completion as the store keeps it: plain numbers in milliseconds so a cassette reads and diffs well.
 *
 * @param ttftMs null when the backend did not stream
 */
public record CachedCompletion(String text, int promptTokens, int completionTokens, double latencyMs, Double ttftMs,
                               String finishReason) {
    public CachedCompletion {
        Objects.requireNonNull(text, "text");
        Measures.count(promptTokens, "promptTokens");
        Measures.count(completionTokens, "completionTokens");
        Measures.millis(latencyMs, "latencyMs");
        if (ttftMs != null) {
            Measures.millis(ttftMs, "ttftMs");
        }
        finishReason = finishReason == null ? "stop" : finishReason;
    }

    /**
     * The completion of a cache file, as Jackson would bind it (absent counts are 0, an absent finish reason is
     * {@code stop}), but strict about types: a number written as text is refused, naming its field.
     */
    static CachedCompletion fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("field 'completion': missing, or not an object");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("field 'completion.text': missing, or not a string");
        }
        JsonNode finishReason = node.get("finishReason");
        Double latencyMs = number(node, "latencyMs");
        int promptTokens = count(node, "promptTokens");
        int completionTokens = count(node, "completionTokens");
        Double ttftMs = number(node, "ttftMs");
        try {
            return new CachedCompletion(text.asText(), promptTokens, completionTokens,
                    latencyMs == null ? 0 : latencyMs, ttftMs,
                    finishReason == null || finishReason.isNull() ? null : finishReason.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'completion': " + e.getMessage(), e);
        }
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field 'completion." + field + "': not a whole number: " + value);
        }
        return value.intValue();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("field 'completion." + field + "': not a number: " + value);
        }
        return value.doubleValue();
    }

    static CachedCompletion of(Completion completion) {
        return new CachedCompletion(completion.text(), completion.promptTokens(), completion.completionTokens(),
                millis(completion.latency()),
                completion.timeToFirstToken() == null ? null : millis(completion.timeToFirstToken()),
                completion.finishReason());
    }

    /** The completion as the model once returned it, marked as served from the cache. */
    Completion toCompletion() {
        return new Completion(text, promptTokens, completionTokens, nanos(latencyMs),
                ttftMs == null ? null : nanos(ttftMs), finishReason).asCached();
    }

    private static double millis(Duration duration) {
        // Microsecond precision is plenty and keeps re-recorded files from differing in noise digits.
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }

    private static Duration nanos(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
