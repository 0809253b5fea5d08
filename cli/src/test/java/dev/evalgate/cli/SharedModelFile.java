package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small real GGUF model kept beside the checkout in {@code ../shared/models}. Tests that need it fail loudly
 * when it is missing: a skipped model test would let a broken embedded backend pass CI.
 */
final class SharedModelFile {
    private SharedModelFile() {
    }

    static Path path() {
        String dir = System.getProperty("evalgate.shared.dir", "../shared");
        Path model = Path.of(dir, "models", "stories260K.gguf").toAbsolutePath().normalize();
        if (!Files.isRegularFile(model)) {
            fail("the shared test model is missing: expected " + model + " (the checkout's ../shared/models; set "
                    + "-Devalgate.shared.dir=DIR to point elsewhere)");
        }
        return model;
    }
}
