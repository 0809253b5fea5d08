package dev.evalgate.engine;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.Measures;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Cost and speed of producing one output, summed over every model call it took (retries and repairs included).
 *
 * @param ttftMs null when the backend did not stream
 * @param calls  model calls made; 0 when every call was served from the cache
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record CallStats(int promptTokens, int completionTokens, double latencyMs, Double ttftMs,
                        String finishReason, int calls, int cachedCalls) {
    public static final CallStats NONE = new CallStats(0, 0, 0, null, "none", 0, 0);

    public CallStats {
        Measures.count(promptTokens, "promptTokens");
        Measures.count(completionTokens, "completionTokens");
        Measures.millis(latencyMs, "latencyMs");
        if (ttftMs != null) {
            Measures.millis(ttftMs, "ttftMs");
        }
        Measures.count(calls, "calls");
        Measures.count(cachedCalls, "cachedCalls");
    }

    public static CallStats of(Completion completion) {
        return new CallStats(completion.promptTokens(), completion.completionTokens(),
                completion.latency().toNanos() / 1e6,
                completion.timeToFirstToken() == null ? null : completion.timeToFirstToken().toNanos() / 1e6,
                completion.finishReason(), completion.cached() ? 0 : 1, completion.cached() ? 1 : 0);
    }

    /** Adds a further call (a retry or a repair): tokens and latency add up, the first token is the first one. */
    public CallStats plus(Completion next) {
        CallStats other = of(next);
        return new CallStats(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                latencyMs + other.latencyMs, ttftMs != null ? ttftMs : other.ttftMs, other.finishReason,
                calls + other.calls, cachedCalls + other.cachedCalls);
    }
}
