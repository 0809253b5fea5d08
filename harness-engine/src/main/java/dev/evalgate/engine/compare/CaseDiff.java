package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One case compared across the two runs, keyed by {@code CaseResult.key()}.
 *
 * @param key       corpus and case id, stable across corpus versions
 * @param tags      the case's tags (the candidate's when both runs have the case)
 * @param baseline  the case in the baseline, or null when the status is {@link DiffStatus#NEW}
 * @param candidate the case in the candidate, or null when the status is {@link DiffStatus#REMOVED}
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record CaseDiff(String key, String corpus, String caseId, List<String> tags, DiffStatus status,
                       CaseOutcome baseline, CaseOutcome candidate) {
    public CaseDiff {
        Objects.requireNonNull(key, "key");
        corpus = corpus == null ? "" : corpus;
        Objects.requireNonNull(caseId, "caseId");
        tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
        Objects.requireNonNull(status, "status");
        if (baseline == null && status != DiffStatus.NEW) {
            throw new IllegalArgumentException("baseline outcome is required unless the status is NEW (" + key + ")");
        }
        if (candidate == null && status != DiffStatus.REMOVED) {
            throw new IllegalArgumentException(
                    "candidate outcome is required unless the status is REMOVED (" + key + ")");
        }
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
