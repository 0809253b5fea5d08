package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun whose every answer is in the inference cache does not load the model: the embedded engine loads it on
 * the first request the cache cannot answer. Each run is its own JVM, as a user's reruns are, so nothing is
 * shared in memory between them; a load always takes at least 1 ms, so "loaded in 0 ms" means never loaded.
 */
class WarmCacheRunTest {
    @TempDir
    Path tmp;

    @Test
    void anAllCachedRerunNeverLoadsTheModel() throws Exception {
        Path suite = Path.of("..", "examples", "quickstart", "suite.yaml").toAbsolutePath();
        List<String> args = List.of("run", suite.toString(), "--model", SharedModelFile.path().toAbsolutePath()
                .toString(), "--cache-dir", tmp.resolve("cache").toString(), "--out", tmp.resolve("runs").toString(),
                "--quiet");

        String cold = child(args);
        String warm = child(args);

        assertThat(cold).containsPattern("loaded in [1-9]\\d* ms; 24 calls \\(0 from cache\\)");
        assertThat(warm).contains("loaded in 0 ms; 0 calls (24 from cache)");
    }

    private String child(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("evalgate run did not finish within 180 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isIn(0, 1); // 1: the story model fails the quickstart's gate
        return output;
    }
}
