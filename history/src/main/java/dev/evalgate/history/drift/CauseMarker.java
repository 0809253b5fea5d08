package dev.evalgate.history.drift;

import java.util.List;

/**
 * A run where something that usually explains drift changed: the model (its fingerprint), a corpus version, or the
 * bundle (its digest).
 *
 * @param changes each change in words, such as {@code model sha256:ab12 -> sha256:cd34}
 */
public record CauseMarker(String runId, List<String> changes) {
    public CauseMarker {
        changes = List.copyOf(changes);
    }
}
