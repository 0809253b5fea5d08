package dev.evalgate.datasets.tooling;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.EvalCase;

/**
 * The content hash of one case: sha256 of its input, expected and tags as canonical JSON (keys sorted). Metadata is
 * left out on purpose: it records provenance (source line, row) that changes when a source is re-exported, while
 * what the model sees and what it is judged against stays the same.
 */
public final class CaseFingerprint {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CaseFingerprint() {
    }

    public static String of(EvalCase evalCase) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("input", evalCase.input());
        content.put("expected", evalCase.expected());
        content.put("tags", evalCase.tags());
        try {
            return ContentHash.sha256(CANONICAL.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case holds only JSON values", e);
        }
    }
}
