package dev.evalgate.engine.compare;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A comparison's case diffs, in report order, with a look-up by case key. A comparison the engine makes builds each
 * {@link CaseDiff} when it is read, from the two runs' {@link CaseOutcomes}, so 100,000 unchanged cases are not
 * held as 100,000 objects; a comparison read back from its file holds its diffs as they were written.
 */
public abstract sealed class CaseDiffs extends AbstractList<CaseDiff> implements RandomAccess {
    /** The diff of the case with this key, or null when neither run has it (or the comparison left it out). */
    public abstract CaseDiff byKey(String key);

    static CaseDiffs of(List<CaseDiff> diffs) {
        return diffs instanceof CaseDiffs d ? d : new Held(List.copyOf(diffs));
    }

    /**
     * The candidate's cases in its order, then the baseline's cases the candidate lacks when {@code listRemoved}.
     */
    static CaseDiffs between(CaseOutcomes before, CaseOutcomes after, boolean listRemoved) {
        int removed = 0;
        int[] gone = new int[0];
        if (listRemoved) {
            gone = new int[before.size()];
            for (int b = 0; b < before.size(); b++) {
                if (!after.contains(before.key(b))) {
                    gone[removed++] = b;
                }
            }
        }
        return new Computed(before, after, java.util.Arrays.copyOf(gone, removed));
    }

    /** Diffs made when read. */
    private static final class Computed extends CaseDiffs {
        private final CaseOutcomes before;
        private final CaseOutcomes after;
        private final int[] removed;

        Computed(CaseOutcomes before, CaseOutcomes after, int[] removed) {
            this.before = before;
            this.after = after;
            this.removed = removed;
        }

        @Override
        public CaseDiff get(int index) {
            java.util.Objects.checkIndex(index, size());
            if (index < after.size()) {
                CaseOutcomes.Entry c = after.entry(index);
                int b = before.indexOf(c.key());
                if (b < 0) {
                    return new CaseDiff(c.key(), c.corpus(), c.caseId(), c.tags(), DiffStatus.NEW, null,
                            c.outcome());
                }
                CaseOutcome base = before.outcome(b);
                return new CaseDiff(c.key(), c.corpus(), c.caseId(), c.tags(),
                        RunComparator.status(base, c.outcome()), base, c.outcome());
            }
            CaseOutcomes.Entry b = before.entry(removed[index - after.size()]);
            return new CaseDiff(b.key(), b.corpus(), b.caseId(), b.tags(), DiffStatus.REMOVED, b.outcome(), null);
        }

        @Override
        public int size() {
            return after.size() + removed.length;
        }

        @Override
        public CaseDiff byKey(String key) {
            int c = after.indexOf(key);
            if (c >= 0) {
                return get(c);
            }
            int b = before.indexOf(key);
            if (b < 0) {
                return null;
            }
            int at = java.util.Arrays.binarySearch(removed, b);
            return at < 0 ? null : get(after.size() + at);
        }
    }

    /** Diffs at hand, as a stored comparison has them; the look-up's index is built on its first use. */
    private static final class Held extends CaseDiffs {
        private final List<CaseDiff> diffs;
        private Map<String, CaseDiff> byKey;

        Held(List<CaseDiff> diffs) {
            this.diffs = diffs;
        }

        @Override
        public CaseDiff get(int index) {
            return diffs.get(index);
        }

        @Override
        public int size() {
            return diffs.size();
        }

        @Override
        public synchronized CaseDiff byKey(String key) {
            if (byKey == null) {
                byKey = new HashMap<>();
                diffs.forEach(d -> byKey.putIfAbsent(d.key(), d));
            }
            return byKey.get(key);
        }
    }
}
