package dev.evalgate.engine;

import java.time.Duration;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What a model returned, with the numbers every backend reports the same way.
 *
 * @param timeToFirstToken null when the backend did not stream
 * @param finishReason     {@code stop}, {@code length}, {@code timeout} or a backend's own word
 * @param cached           served from the inference cache rather than by the model
 */
@API(status = STABLE, since = "0.1.0")
public record Completion(String text, int promptTokens, int completionTokens, Duration latency,
                         Duration timeToFirstToken, String finishReason, boolean cached) {
    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(latency, "latency");
        finishReason = finishReason == null ? "stop" : finishReason;
    }

    public Completion(String text, int promptTokens, int completionTokens, Duration latency,
                      Duration timeToFirstToken, String finishReason) {
        this(text, promptTokens, completionTokens, latency, timeToFirstToken, finishReason, false);
    }

    public Completion asCached() {
        return new Completion(text, promptTokens, completionTokens, latency, timeToFirstToken, finishReason, true);
    }
}
