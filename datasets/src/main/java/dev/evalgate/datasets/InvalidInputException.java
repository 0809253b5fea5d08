package dev.evalgate.datasets;

import java.nio.file.Path;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Input a person wrote (corpus, bundle, suite, labels) is wrong. The message always says which file, which line
 * (when the format has lines) and which field, so the author can go straight to the mistake. Front ends map this
 * exception to the "usage or input error" exit code. The engine's subclass names a setting instead of a field, for
 * each front end to word.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param file    the file that holds the mistake, or {@code null} for input that is not a file (a flag)
     * @param line    1-based line, or 0 when the line is not known or does not apply
     * @param field   the field or flag at fault, or {@code null} when the whole file is at fault
     * @param problem what is wrong and, where possible, what to do instead
     */
    public InvalidInputException(Path file, int line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    public InvalidInputException(Path file, int line, String field, String problem, Throwable cause) {
        super(describe(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The message of an input error at this place: {@code file:line: field 'name': problem}. */
    public static String describe(Path file, int line, String field, String problem) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
            if (line > 0) {
                where.append(':').append(line);
            }
        }
        if (field != null && !field.isEmpty()) {
            if (where.length() > 0) {
                where.append(": ");
            }
            where.append("field '").append(field).append('\'');
        }
        return where.length() == 0 ? problem : where + ": " + problem;
    }
}
