package dev.evalgate.judges;

import java.nio.file.Path;

import dev.evalgate.engine.ScorerParams;

/** Resolves a file a scorer parameter names: a relative path is relative to the suite file that declared it. */
public final class SuitePaths {
    private SuitePaths() {
    }

    public static Path resolve(ScorerParams params, String path) {
        Path file = Path.of(path);
        Path suite = params.spec().location().file();
        if (file.isAbsolute() || suite == null || suite.toAbsolutePath().getParent() == null) {
            return file;
        }
        return suite.toAbsolutePath().getParent().resolve(file);
    }
}
