package dev.evalgate.models.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.models.SharedModel;

/**
 * A JVM that outlives one run (a resident evalgate, a JUnit run in an IDE) shares a loaded model between runs, but
 * only while the file is the one it loaded: a file replaced at the same path is loaded afresh, as a new JVM would.
 */
class LoadedModelsTest {
    @TempDir
    Path tmp;

    @Test
    void aModelIsSharedUntilItsFileIsReplaced() throws Exception {
        Path file = tmp.resolve("model.gguf");
        Files.copy(SharedModel.stories260k(), file);

        LoadedModels.Acquired first = LoadedModels.acquire(file, 256, 1, false);
        LoadedModels.Acquired again = LoadedModels.acquire(file, 256, 1, false);
        assertThat(first.loadMillis()).isPositive();
        assertThat(again.model()).isSameAs(first.model());
        assertThat(again.loadMillis()).isZero();

        Path replacement = tmp.resolve("replacement.gguf");
        Files.copy(SharedModel.stories260k(), replacement);
        Files.setLastModifiedTime(replacement, FileTime.from(Instant.now().plusSeconds(10)));
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING);
        LoadedModels.Acquired replaced = LoadedModels.acquire(file, 256, 1, false);

        assertThat(replaced.model()).isNotSameAs(first.model());
        assertThat(replaced.loadMillis()).isPositive();
        assertThat(first.model().closed()).as("the model of the old file is freed").isTrue();
        assertThat(LoadedModels.acquire(file, 256, 1, false).model()).isSameAs(replaced.model());
    }
}
