package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** One turn of a chat: role is {@code system}, {@code user} or {@code assistant}. */
@API(status = STABLE, since = "0.1.0")
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
