package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on the real model is stopped (SIGTERM, as Ctrl-C or a CI cancel would) midway: the advice it prints names
 * the run directory and the model file it was started with, so following it does not start a model download.
 */
class ResumeAdviceTest {
    private static final int CASES = 200;

    @TempDir
    Path tmp;

    @Test
    void theAdviceAfterAStopCarriesTheModelFile() throws Exception {
        Path model = SharedModelFile.path();
        Path suite = StoryRunProject.write(tmp, CASES);
        Path log = tmp.resolve("run.log");
        Process process = StoryRunProject.start(log, "run", suite.toString(), "--model", model.toString(),
                "--no-cache");
        Path runDir = StoryRunProject.awaitResults(tmp.resolve("runs"), process, 5);
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String printed = Files.readString(log);
        assertThat(printed).contains("stopped after", "finish it with 'evalgate run --resume " + runDir
                + " --model " + model + "'");
    }
}
