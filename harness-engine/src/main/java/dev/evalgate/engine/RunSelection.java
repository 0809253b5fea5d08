package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which part of a suite a run evaluated: a tier, a shard, both or neither. Recorded in {@code run.json} so that a
 * resumed run finishes the same part and {@code evalgate merge} can tell whether every shard is there.
 *
 * @param tier  the tier name given with {@code --tier}, or null for every case
 * @param shard the shard given with {@code --shard}, or null for the whole selection
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RunSelection(String tier, Shard shard) {
    public static final RunSelection NONE = new RunSelection(null, null);

    /** In the words of the flags that chose it, for messages. */
    public String describe() {
        if (tier == null && shard == null) {
            return "every case (no --tier, no --shard)";
        }
        return (tier == null ? "" : "--tier " + tier) + (tier != null && shard != null ? " " : "")
                + (shard == null ? "" : "--shard " + shard);
    }
}
