package dev.evalgate.engine.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.CorpusRef;

/**
 * Whether two runs evaluated the same corpus versions. Case ids are stable across versions, but a case with the
 * same id may have changed, so comparing across versions has to be asked for.
 */
public final class CorpusCompatibility {
    private CorpusCompatibility() {
    }

    /** Every difference between the two runs' corpora, as sentences; empty when they are the same. */
    public static List<String> differences(List<CorpusRef> baseline, List<CorpusRef> candidate) {
        Map<String, CorpusRef> before = byName(baseline);
        Map<String, CorpusRef> after = byName(candidate);
        List<String> out = new ArrayList<>();
        for (CorpusRef b : before.values()) {
            CorpusRef c = after.get(b.name());
            if (c == null) {
                // A candidate that evaluated fewer corpora (a tier) still compares on the ones it has.
                continue;
            }
            if (!eq(b.version(), c.version()) || !eq(b.sha256(), c.sha256())) {
                out.add("corpus '" + b.name() + "' is " + describe(c) + " in this run but " + describe(b)
                        + " in the baseline");
            }
        }
        for (CorpusRef c : after.values()) {
            if (!before.containsKey(c.name())) {
                out.add("corpus '" + c.name() + "' (" + describe(c) + ") is not in the baseline");
            }
        }
        return out;
    }

    private static String describe(CorpusRef ref) {
        String sha = ref.sha256() == null ? "?" : ref.sha256().substring(0, Math.min(12, ref.sha256().length()));
        return "version " + ref.version() + " (sha256 " + sha + ")";
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static Map<String, CorpusRef> byName(List<CorpusRef> refs) {
        Map<String, CorpusRef> map = new LinkedHashMap<>();
        for (CorpusRef ref : refs) {
            map.put(ref.name(), ref);
        }
        return map;
    }
}
