package dev.evalgate.engine;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * How one front end names the engine's {@link Setting}s in its advice: the command line says {@code --out}, the
 * JUnit engine says {@code evalgate.runs.directory}, a Java caller reads the names of the engine's own API
 * ({@link #ENGINE}). Messages are {@link Advice}; a front end renders them with its wording.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface Wording {
    /**
     * The words for a setting.
     *
     * @param setting what the advice points to
     * @param value   the directory, name or tier the advice is about, or null when it names the setting alone
     */
    String of(Setting setting, String value);

    /** The names of the engine's Java API ({@code PipelineRequest}, {@code CacheMode}, {@code BaselineStore}). */
    Wording ENGINE = (setting, value) -> switch (setting) {
        case OUTPUT_DIRECTORY -> "runsDirectory";
        case RESUME -> "resume(" + (value == null ? "RUN_DIR" : value) + ")";
        case CACHE_MODE_RECORD -> "cache mode RECORD";
        case CACHE_MODE_READWRITE -> "cache mode READWRITE";
        case NO_CACHE -> "cache mode OFF";
        case TIER -> value == null ? "tier" : "tier " + value;
        case SHARD -> value == null ? "shard" : "shard " + value;
        case ALLOW_CORPUS_CHANGE -> "allowCorpusChange";
        case BASELINE -> "baseline";
        case BASELINE_NAME -> "baseline name";
        case PROMOTE_BASELINE -> "BaselineStore.promote(RUN_DIR, \"" + (value == null ? "NAME" : value) + "\")";
    };

    /**
     * A throwable's message in this wording: the engine's advice is worded here, any other message is kept as is.
     */
    default String message(Throwable error) {
        if (error instanceof AdvisedInputException invalid) {
            return InvalidInputException.describe(invalid.file(), invalid.line(),
                    invalid.setting().map(s -> of(s, null)).orElse(invalid.field()), invalid.advice().render(this));
        }
        if (error instanceof Advised advised) {
            return advised.advice().render(this);
        }
        return error.getMessage();
    }
}
