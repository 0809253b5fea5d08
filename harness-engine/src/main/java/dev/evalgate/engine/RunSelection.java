package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which part of a suite a run evaluated: a tier, a shard, both or neither. Recorded in {@code run.json} so that a
 * resumed run finishes the same part and {@code evalgate merge} can tell whether every shard is there.
 *
 * @param tier  the tier name the run was narrowed to, or null for every case
 * @param shard the shard the run was narrowed to, or null for the whole selection
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RunSelection(String tier, Shard shard) {
    public static final RunSelection NONE = new RunSelection(null, null);

    /** For messages, in the words of the settings that chose it: each front end words them its own way. */
    public Advice described() {
        if (tier == null && shard == null) {
            return Advice.text("every case (no ").then(Setting.TIER).then(", no ").then(Setting.SHARD).then(")");
        }
        Advice out = Advice.text("");
        if (tier != null) {
            out = out.then(Setting.TIER, tier);
        }
        if (shard != null) {
            out = out.then(tier != null ? " " : "").then(Setting.SHARD, shard);
        }
        return out;
    }

    /** {@link #described()} in the words of the engine's API. */
    public String describe() {
        return described().toString();
    }
}
