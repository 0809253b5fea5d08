package dev.evalgate.engine;

import java.nio.file.Path;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;

/** Where a piece of configuration was written, so a problem found later still names file, line and field. */
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
