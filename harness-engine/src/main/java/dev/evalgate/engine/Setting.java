package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The settings and remedies the engine's messages point people to. The engine never spells them: each front end
 * has its own {@link Wording} (the command line's flags, the JUnit engine's configuration keys), so a message
 * gives the advice a person can act on where they are.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum Setting {
    /** Where new run directories are created. */
    OUTPUT_DIRECTORY,
    /** Finishing an unfinished run; the value is the run directory. */
    RESUME,
    /** Recording every model call afresh in the inference cache. */
    CACHE_MODE_RECORD,
    /** Reading the inference cache and recording what it misses. */
    CACHE_MODE_READWRITE,
    /** Not using the inference cache at all. */
    NO_CACHE,
    /** The tier of the suite a run is narrowed to. */
    TIER,
    /** The shard of the cases a run is narrowed to. */
    SHARD,
    /** Comparing with a baseline of another corpus version, on the case ids both runs share. */
    ALLOW_CORPUS_CHANGE,
    /** The baseline a run is compared with: a stored baseline's name or a run directory. */
    BASELINE,
    /** The name a run is stored under as a baseline. */
    BASELINE_NAME,
    /** Storing a finished run as a named baseline; the value is the name. */
    PROMOTE_BASELINE
}
