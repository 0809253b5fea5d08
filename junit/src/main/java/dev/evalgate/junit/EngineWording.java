package dev.evalgate.junit;

import dev.evalgate.engine.Setting;
import dev.evalgate.engine.Wording;

/**
 * The engine's settings as a JUnit user sets them: the configuration keys of {@link EvalgateEngineConfig}. What the
 * test engine cannot do (finish an unfinished run, promote a baseline) is pointed to on the command line.
 */
final class EngineWording {
    static final Wording WORDING = EngineWording::of;

    private EngineWording() {
    }

    static String of(Setting setting, String value) {
        return switch (setting) {
            case OUTPUT_DIRECTORY -> EvalgateEngineConfig.RUNS_DIRECTORY;
            case RESUME -> "'evalgate run --resume " + (value == null ? "RUN_DIR" : value) + "' on the command line"
                    + " (the test engine starts a new run each time)";
            case CACHE_MODE_RECORD -> EvalgateEngineConfig.CACHE_MODE + "=record";
            case CACHE_MODE_READWRITE -> EvalgateEngineConfig.CACHE_MODE + "=readwrite";
            case NO_CACHE -> EvalgateEngineConfig.CACHE_MODE + "=off";
            case TIER -> value == null ? EvalgateEngineConfig.TIER : EvalgateEngineConfig.TIER + "=" + value;
            case SHARD -> value == null ? EvalgateEngineConfig.SHARD : EvalgateEngineConfig.SHARD + "=" + value;
            case ALLOW_CORPUS_CHANGE -> EvalgateEngineConfig.ALLOW_CORPUS_CHANGE + "=true";
            case BASELINE -> EvalgateEngineConfig.BASELINE;
            case BASELINE_NAME -> "the baseline name";
            case PROMOTE_BASELINE -> "'evalgate baseline promote RUN_DIR --name " + (value == null ? "NAME" : value)
                    + "' on the command line, or set " + EvalgateEngineConfig.BASELINE + " to a run directory";
        };
    }
}
