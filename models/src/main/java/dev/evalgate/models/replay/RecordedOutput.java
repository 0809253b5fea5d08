package dev.evalgate.models.replay;

/**
 * One line of a replay file.
 *
 * @param caseId  the case id, or {@code corpus/id} when several corpora share ids
 * @param repeat  the repeat this output belongs to, or null for every repeat
 */
public record RecordedOutput(String caseId, Integer repeat, String output, int promptTokens, int completionTokens,
                             double latencyMs) {
}
