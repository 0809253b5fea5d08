package dev.evalgate.datasets.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.CorpusManifest;

/**
 * How a corpus came to be, as data in its manifest: every step from the first import to this version, oldest first,
 * each naming the corpus version it produced, the versions it read and its parameters. The last step produced this
 * corpus. A corpus derived from others carries their steps too, so the chain can be printed from one manifest even
 * after the parents' directories are gone or were frozen anew.
 *
 * <p>A manifest written by hand, or before lineage was recorded, has an empty lineage.
 */
public record Lineage(List<LineageStep> steps) {
    /** A corpus with no recorded history. */
    public static final Lineage NONE = new Lineage(List.of());

    public Lineage {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The step that produced this corpus, if any was recorded. */
    public Optional<LineageStep> last() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** The corpus versions this corpus was made from (empty for an import or an unrecorded corpus). */
    public List<CorpusRef> parents() {
        return last().map(LineageStep::parents).orElse(List.of());
    }

    /**
     * The lineage of a corpus made by {@code operation} from the given parent corpora: the parents' steps (each
     * step once, in order), then the new step. The new step's corpus is not known yet; {@link #pinned} sets it
     * when the corpus is written.
     */
    public static Lineage derive(String operation, Map<String, Object> parameters, List<CorpusManifest> parents) {
        Map<CorpusRef, LineageStep> steps = new LinkedHashMap<>();
        List<CorpusRef> parentRefs = new ArrayList<>();
        for (CorpusManifest parent : parents) {
            for (LineageStep step : parent.lineage().steps()) {
                steps.putIfAbsent(step.corpus(), step);
            }
            parentRefs.add(parent.ref());
        }
        List<LineageStep> out = new ArrayList<>(steps.values());
        out.add(new LineageStep(operation, new CorpusRef("?", "?", null), parentRefs, parameters));
        return new Lineage(out);
    }

    /** The lineage of a corpus read from outside files (no parent corpus). */
    public static Lineage imported(Map<String, Object> parameters) {
        return derive(Operations.IMPORT, parameters, List.of());
    }

    /**
     * This lineage with its last step naming the corpus version that was written, when that step was still open
     * (made by {@link #derive}); a lineage whose last step is already pinned is returned as it is.
     */
    public Lineage pinned(CorpusRef written) {
        if (steps.isEmpty() || steps.get(steps.size() - 1).corpus().sha256() != null) {
            return this;
        }
        List<LineageStep> out = new ArrayList<>(steps);
        out.set(out.size() - 1, out.get(out.size() - 1).producing(written));
        return new Lineage(out);
    }

    /** This lineage followed by one more step (freeze of an edited corpus in place). */
    public Lineage then(LineageStep step) {
        List<LineageStep> out = new ArrayList<>(steps);
        out.add(step);
        return new Lineage(out);
    }
}
