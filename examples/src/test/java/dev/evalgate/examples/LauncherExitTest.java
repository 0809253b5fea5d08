package dev.evalgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM whose main runs a suite on the embedded model through the JUnit Launcher and returns ends by itself, although
 * the llama.cpp binding leaves a native thread attached to it.
 */
class LauncherExitTest {
    @TempDir
    Path tmp;

    @Test
    void aLauncherRunInAChildJvmExitsByItself() throws Exception {
        Path model = Path.of(System.getProperty("evalgate.shared.dir", "../../shared"), "models", "stories260K.gguf")
                .toAbsolutePath();
        assertThat(model).as("the shared test model").isRegularFile();
        Path log = tmp.resolve("child.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""));
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LauncherMain.class.getName(), Path.of("quickstart/suite.yaml").toAbsolutePath().toString(),
                model.toString(), tmp.resolve("runs").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean exited = child.waitFor(180, TimeUnit.SECONDS);
            assertThat(exited).as("the child JVM ended by itself; its output:%n%s", Files.readString(log)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("tests successful");
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            // the model answered: the native thread that kept such JVMs alive was there
            assertThat(Files.readAllLines(run.resolve("results.jsonl"))).hasSize(24);
        }
    }
}
