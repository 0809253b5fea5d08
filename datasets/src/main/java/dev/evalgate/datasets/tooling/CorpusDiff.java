package dev.evalgate.datasets.tooling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.EvalCase;

/**
 * What changed between two versions of a corpus, case by case, matched by id: cases added, removed, and changed
 * (same id, different {@link CaseFingerprint}). A changed case breaks the comparison with a baseline for that id,
 * which is why a changed corpus needs a new version.
 *
 * @param added     ids only in the new version, in its order
 * @param removed   ids only in the old version, in its order
 * @param changed   ids in both whose content differs, in the new version's order
 * @param unchanged how many ids are in both with the same content
 */
public record CorpusDiff(List<String> added, List<String> removed, List<Change> changed, int unchanged) {

    /** One changed case and which of its parts differ ({@code input}, {@code expected}, {@code tags}). */
    public record Change(String id, List<String> parts) {
        public Change {
            Objects.requireNonNull(id, "id");
            parts = List.copyOf(parts);
        }
    }

    public CorpusDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean identical() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    public static CorpusDiff between(Corpus older, Corpus newer) {
        Map<String, EvalCase> old = byId(older);
        Map<String, EvalCase> now = byId(newer);
        List<String> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (EvalCase c : newer.cases()) {
            EvalCase before = old.get(c.id());
            if (before == null) {
                added.add(c.id());
            } else if (CaseFingerprint.of(before).equals(CaseFingerprint.of(c))) {
                unchanged++;
            } else {
                List<String> parts = new ArrayList<>();
                if (!before.input().equals(c.input())) {
                    parts.add("input");
                }
                if (!before.expected().equals(c.expected())) {
                    parts.add("expected");
                }
                if (!before.tags().equals(c.tags())) {
                    parts.add("tags");
                }
                changed.add(new Change(c.id(), parts));
            }
        }
        List<String> removed = older.cases().stream().map(EvalCase::id).filter(id -> !now.containsKey(id)).toList();
        return new CorpusDiff(added, removed, changed, unchanged);
    }

    private static Map<String, EvalCase> byId(Corpus corpus) {
        Map<String, EvalCase> out = new LinkedHashMap<>();
        corpus.cases().forEach(c -> out.put(c.id(), c));
        return out;
    }
}
