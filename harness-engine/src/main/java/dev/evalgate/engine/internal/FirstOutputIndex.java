package dev.evalgate.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.evalgate.engine.CaseResult;

/**
 * Finds the output of a case's first repeat among a run's results without holding the outputs or the keys: the
 * results that can answer (repeat 0, not errored) are indexed by the hash of their key, 8 bytes each, and the few
 * with the asked hash are read to compare their keys. When several results of one case could answer, the first in
 * the run's order does.
 */
public final class FirstOutputIndex {
    private final List<CaseResult> results;
    /** Hash of the key in the high 32 bits, position in the results in the low 32, sorted. */
    private long[] entries;

    public FirstOutputIndex(List<CaseResult> results) {
        this.results = results;
    }

    public Optional<String> output(String caseKey) {
        long[] index = index();
        int hash = caseKey.hashCode();
        int at = Arrays.binarySearch(index, (long) hash << 32);
        if (at < 0) {
            at = -at - 1;
        }
        for (; at < index.length && (int) (index[at] >> 32) == hash; at++) {
            CaseResult r = results.get((int) index[at]);
            if (r.key().equals(caseKey)) {
                return Optional.of(r.output());
            }
        }
        return Optional.empty();
    }

    private synchronized long[] index() {
        if (entries == null) {
            long[] built = new long[16];
            int n = 0;
            int position = 0;
            for (CaseResult r : results) {
                if (r.repeat() == 0 && !r.errored()) {
                    if (n == built.length) {
                        built = Arrays.copyOf(built, n * 2);
                    }
                    built[n++] = (long) r.key().hashCode() << 32 | position;
                }
                position++;
            }
            built = Arrays.copyOf(built, n);
            Arrays.sort(built);
            entries = built;
        }
        return entries;
    }
}
