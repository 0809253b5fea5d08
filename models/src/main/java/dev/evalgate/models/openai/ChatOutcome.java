package dev.evalgate.models.openai;

import java.time.Duration;

/**
 * What one chat-completions exchange produced.
 *
 * @param promptTokens      from the response's {@code usage}, 0 when the server reported none
 * @param timeToFirstToken  from sending the request to the first content delta, null when not streamed
 * @param servedModel       the {@code model} field of the response, the name the server used
 * @param systemFingerprint the response's {@code system_fingerprint}, empty when absent
 */
record ChatOutcome(String text, int promptTokens, int completionTokens, Duration timeToFirstToken,
                   String finishReason, String servedModel, String systemFingerprint) {
}
