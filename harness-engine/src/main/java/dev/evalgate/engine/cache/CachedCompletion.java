package dev.evalgate.engine.cache;

import java.time.Duration;
import java.util.Objects;

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
