package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Input is wrong and the remedy is a setting. The problem is {@link Advice}, and the field at fault may itself be a
 * {@link Setting} (a baseline that does not exist). {@link #getMessage()} words both as the engine's API does; a
 * front end words them as its users know them with {@link Wording#message}.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class AdvisedInputException extends InvalidInputException implements Advised {
    private static final long serialVersionUID = 1L;

    private final Setting setting;
    private final transient Advice advice;

    /**
     * @param file   the file that holds the mistake, or null
     * @param line   1-based line, or 0 when not known
     * @param field  the field at fault in that file, or null when the whole file is
     * @param advice what is wrong and what to do
     */
    public AdvisedInputException(Path file, int line, String field, Advice advice, Throwable cause) {
        super(file, line, field, advice.toString(), cause);
        this.setting = null;
        this.advice = advice;
    }

    private AdvisedInputException(Path file, Setting setting, Advice advice, Throwable cause) {
        super(file, 0, Wording.ENGINE.of(setting, null), advice.toString(), cause);
        this.setting = setting;
        this.advice = advice;
    }

    /** The setting itself is at fault (a baseline that is not there, a run directory that cannot be made). */
    public static AdvisedInputException ofSetting(Path file, Setting setting, Advice advice, Throwable cause) {
        return new AdvisedInputException(file, setting, advice, cause);
    }

    public static AdvisedInputException ofSetting(Path file, Setting setting, Advice advice) {
        return new AdvisedInputException(file, setting, advice, null);
    }

    /** The setting at fault, when it is a setting rather than a field of a file. */
    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }

    @Override
    public Advice advice() {
        return advice;
    }
}
