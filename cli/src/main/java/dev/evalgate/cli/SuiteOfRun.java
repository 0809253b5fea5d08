package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;

/** The suite whose gate and baselines apply to a stored run: the one given, else the one the run was started from. */
final class SuiteOfRun {
    private SuiteOfRun() {
    }

    static Suite load(Path suiteOption, RunSpec spec, Path runDirectory) {
        Path file = suiteOption;
        if (file == null) {
            if (spec.suiteFile() == null || spec.suiteFile().isBlank()) {
                throw new InvalidInputException(null, 0, "--suite", "the run in " + runDirectory + " does not record "
                        + "its suite file; pass --suite suite.yaml");
            }
            file = Path.of(spec.suiteFile());
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(null, 0, "--suite", "the run in " + runDirectory + " was started "
                        + "from " + file + ", which no longer exists; pass --suite suite.yaml");
            }
        }
        return new SuiteLoader(ScorerRegistry.load()).load(file);
    }
}
