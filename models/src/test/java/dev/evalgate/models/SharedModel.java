package dev.evalgate.models;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test model; tests that need it fail loudly when it is missing instead of passing silently. */
public final class SharedModel {
    public static final String STORIES_SHA256 = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";

    private SharedModel() {
    }

    public static Path stories260k() {
        String dir = System.getProperty("evalgate.shared.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property evalgate.shared.dir is not set; run the tests through "
                    + "Maven (the root pom sets it to ../shared) or pass -Devalgate.shared.dir=/path/to/shared");
        }
        Path model = Path.of(dir, "models", "stories260K.gguf");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("the shared test model " + model + " is missing; these tests need the "
                    + "real GGUF from the shared directory (evalgate.shared.dir=" + dir + ")");
        }
        return model;
    }
}
