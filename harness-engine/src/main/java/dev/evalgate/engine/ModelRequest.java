package dev.evalgate.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * One call to a model: a system prompt (may be empty), the chat so far, sampling parameters and the time the call
 * may take. Backends that have no chat apply their chat template or concatenate the turns.
 */
@API(status = STABLE, since = "0.1.0")
public record ModelRequest(String system, List<ChatMessage> messages, GenerationParams params, Duration timeout,
                           String traceId, Map<String, Object> input) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ModelRequest {
        system = system == null ? "" : system;
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model request needs at least one message");
        }
        Objects.requireNonNull(params, "params");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        traceId = traceId == null ? "" : traceId;
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
    }

    /** A request that carries no case input variables beside its messages. */
    public ModelRequest(String system, List<ChatMessage> messages, GenerationParams params, Duration timeout,
                        String traceId) {
        this(system, messages, params, timeout, traceId, Map.of());
    }

    public static ModelRequest of(String system, String user, GenerationParams params) {
        return new ModelRequest(system, List.of(ChatMessage.user(user)), params, DEFAULT_TIMEOUT, "");
    }

    /** The text of the last user turn, which is what a template renders. */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    public ModelRequest withMessages(List<ChatMessage> newMessages) {
        return new ModelRequest(system, newMessages, params, timeout, traceId, input);
    }
}
