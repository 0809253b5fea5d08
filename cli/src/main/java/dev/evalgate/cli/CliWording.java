package dev.evalgate.cli;

import dev.evalgate.engine.Setting;
import dev.evalgate.engine.Wording;

/** The engine's settings as the command line spells them: its flags and commands. */
final class CliWording {
    static final Wording WORDING = CliWording::of;

    private CliWording() {
    }

    static String of(Setting setting, String value) {
        return switch (setting) {
            case OUTPUT_DIRECTORY -> "--out";
            case RESUME -> "'evalgate run --resume " + (value == null ? "RUN_DIR" : value) + "'";
            case CACHE_MODE_RECORD -> "--cache-mode record";
            case CACHE_MODE_READWRITE -> "--cache-mode readwrite";
            case NO_CACHE -> "--no-cache";
            case TIER -> value == null ? "--tier" : "--tier " + value;
            case SHARD -> value == null ? "--shard" : "--shard " + value;
            case ALLOW_CORPUS_CHANGE -> "--allow-corpus-change";
            case BASELINE -> "--baseline";
            case BASELINE_NAME -> "--name";
            case PROMOTE_BASELINE -> "evalgate baseline promote RUN_DIR --name " + (value == null ? "NAME" : value);
        };
    }
}
