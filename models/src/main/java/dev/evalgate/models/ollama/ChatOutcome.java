package dev.evalgate.models.ollama;

import java.time.Duration;

/**
 * What one streamed {@code /api/chat} exchange produced.
 *
 * @param timeToFirstToken from sending the request to the first chunk with content, null when no content came
 */
record ChatOutcome(String text, int promptTokens, int completionTokens, Duration timeToFirstToken,
                   String finishReason) {
}
