package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} lets llama.cpp say what it read when it loads a model (its own log, written by native code to the
 * process's stderr, hence a child JVM); without it llama.cpp stays silent, as its 170 lines would bury the run's.
 */
class VerboseNativeLogTest {
    @TempDir
    Path tmp;

    @Test
    void llamaCppSpeaksOnlyUnderVerbose() throws Exception {
        Path suite = StoryRunProject.write(tmp, 1);
        String model = SharedModelFile.path().toString();

        String quiet = run(tmp.resolve("quiet.log"), "run", suite.toString(), "--model", model, "--no-cache");
        String verbose = run(tmp.resolve("verbose.log"), "run", suite.toString(), "--model", model, "--no-cache",
                "--verbose");

        assertThat(quiet).doesNotContain("llama_model_loader");
        assertThat(verbose).contains("llama_model_loader").contains("stories260K");
    }

    private static String run(Path log, String... args) throws Exception {
        Process process = StoryRunProject.start(log, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isIn(0, 1);
        return output;
    }
}
