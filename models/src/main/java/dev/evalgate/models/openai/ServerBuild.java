package dev.evalgate.models.openai;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelRequest;

/**
 * The server build behind a served model, as its {@code system_fingerprint} reports it. The model list says which
 * weights a server serves but not which build of the server runs them, and a new build (another llama.cpp release,
 * another vLLM version, OpenAI's backend changes) can answer the same request differently. Chat responses carry that
 * build as {@code system_fingerprint}, so opening a client sends one probe of one token and reads it; the fingerprint
 * then keeps outputs cached or recorded against one build from being served as another's. A server that reports no
 * build, or a probe that fails, adds nothing, so a transient failure costs cache hits, never a wrong one.
 */
final class ServerBuild {
    /** The probe's one message; constant, so it is the same request against every server. */
    static final String PROBE_PROMPT = "Reply with the single word: ok";

    private ServerBuild() {
    }

    /** The build the server reports in a chat response for {@code model}, when it reports one. */
    static Optional<String> systemFingerprint(ChatCompletionCall chat, String model, Duration timeout) {
        var request = new ModelRequest("", List.of(ChatMessage.user(PROBE_PROMPT)),
                new GenerationParams(0.0, 0, 1, 1.0), timeout, "");
        ObjectNode body = ChatCompletionBody.of(model, request, false, Optional.empty());
        try {
            String reported = chat.exchange(body, timeout, System.nanoTime()).systemFingerprint().strip();
            if (reported.isEmpty()) {
                return Optional.empty();
            }
            // Server text lands in run.json and reports: kept as is only when it looks like a build tag.
            return Optional.of(reported.matches("[A-Za-z0-9._:+-]{1,64}") ? reported
                    : "sha256:" + ServedModels.sha256(reported).substring(0, 16));
        } catch (ModelCallException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
