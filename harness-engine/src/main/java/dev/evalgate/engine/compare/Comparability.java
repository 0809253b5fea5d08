package dev.evalgate.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.evalgate.engine.CorpusRef;

/**
 * What two runs must share for their difference to mean what a reader thinks it means. A comparison states each
 * aspect for both runs; a different model or tier is a warning, and a gate rule can require any aspect equal.
 */
public enum Comparability {
    /** The model's weights (fingerprint), else its name when a backend gives no fingerprint. */
    MODEL("model", r -> r.model() + (r.modelFingerprint().isEmpty() ? "" : " (" + shortDigest(r.modelFingerprint())
            + ")"), r -> r.modelFingerprint().isEmpty() ? r.model() : r.modelFingerprint()),
    /** The part of the suite that ran: the tier and shard. */
    TIER("tier", r -> r.tierLabel() + (r.shard().isEmpty() ? "" : ", shard " + r.shard()),
            r -> r.tierLabel() + "|" + r.shard()),
    REPEATS("repeats", r -> Integer.toString(r.repeats()), r -> Integer.toString(r.repeats())),
    /** Corpus names, versions and content hashes. */
    CORPUS("corpus", r -> String.join(", ", r.corpora().stream().map(c -> c.name() + " " + c.version()).toList()),
            r -> String.join(",", r.corpora().stream().map(CorpusRef::sha256).sorted().toList())),
    BUNDLE("bundle", r -> r.bundle() + " (" + shortDigest(r.bundleDigest()) + ")", ComparedRun::bundleDigest);

    private final String key;
    private final Function<ComparedRun, String> describe;
    private final Function<ComparedRun, String> identity;

    Comparability(String key, Function<ComparedRun, String> describe, Function<ComparedRun, String> identity) {
        this.key = key;
        this.describe = describe;
        this.identity = identity;
    }

    /** The name a suite uses in {@code require_same}. */
    public String key() {
        return key;
    }

    /** This aspect of a run, for people. */
    public String describe(ComparedRun run) {
        return describe.apply(run);
    }

    /**
     * Whether both runs share this aspect. A side stored before the aspect was recorded (no repeats, no
     * fingerprint) cannot be told apart and counts as the same.
     */
    public boolean same(ComparedRun baseline, ComparedRun candidate) {
        if (this == REPEATS && (baseline.repeats() == 0 || candidate.repeats() == 0)) {
            return true;
        }
        return identity.apply(baseline).equals(identity.apply(candidate));
    }

    public static Comparability ofKey(String key) {
        for (Comparability c : values()) {
            if (c.key.equals(key.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /**
     * The warnings a reader must see before trusting a comparison: another model, another tier or a shard. A
     * changed bundle is what a comparison is for, and corpus changes are refused or noted where they are checked.
     */
    public static List<String> warnings(ComparedRun baseline, ComparedRun candidate) {
        List<String> warnings = new ArrayList<>();
        if (!MODEL.same(baseline, candidate)) {
            warnings.add("the runs used different models: baseline " + MODEL.describe(baseline) + ", candidate "
                    + MODEL.describe(candidate) + "; every difference includes the change of model");
        }
        if (!TIER.same(baseline, candidate)) {
            warnings.add("the runs evaluated different parts of the suite: baseline " + TIER.describe(baseline)
                    + ", candidate " + TIER.describe(candidate) + "; only the cases both ran are compared");
        }
        return warnings;
    }

    static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
