package dev.evalgate.engine;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a {@link SystemUnderTest} is asked: the case rendered by the bundle.
 *
 * @param prompt   the bundle's template filled with the case's variables (the last user message)
 * @param system   the bundle's system prompt, empty when it has none
 * @param messages the whole chat, the prompt last (repair attempts add the earlier answer and the correction)
 * @param params   the bundle's sampling parameters, for a system that passes them on
 * @param traceId  the result's trace id, to correlate with the system's own logs and traces
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record SutRequest(String prompt, String system, List<ChatMessage> messages, GenerationParams params,
                         String traceId) {
    public SutRequest {
        Objects.requireNonNull(prompt, "prompt");
        system = system == null ? "" : system;
        messages = List.copyOf(messages);
        Objects.requireNonNull(params, "params");
        traceId = traceId == null ? "" : traceId;
    }
}
