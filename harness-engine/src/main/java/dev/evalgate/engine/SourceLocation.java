package dev.evalgate.engine;

import java.nio.file.Path;

import org.apiguardian.api.API;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Where a piece of configuration was written, so a problem found later still names file, line and field. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record SourceLocation(Path file, int line, String path) {
    public static final SourceLocation NONE = new SourceLocation(null, 0, "");

    public SourceLocation {
        path = path == null ? "" : path;
    }

    public static SourceLocation of(ConfigNode node) {
        return new SourceLocation(node.file(), node.line(), node.path());
    }

    public InvalidInputException error(String field, String problem) {
        String full = field == null || field.isEmpty() ? path : path.isEmpty() ? field : path + "." + field;
        return new InvalidInputException(file, line, full.isEmpty() ? null : full, problem);
    }
}
