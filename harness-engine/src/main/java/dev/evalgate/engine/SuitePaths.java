package dev.evalgate.engine;

import java.nio.file.Path;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Resolves a file a scorer parameter names: a relative path is relative to the suite file that declared it. */
@API(status = STABLE, since = "0.1.0")
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
