package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's class-data archive is used by {@code ./evalgate}: a run through the launcher takes the classes of
 * the command line (picocli, compiled for Java 5, which an archive written at exit leaves out), the run, the
 * reports and the history from the archive rather than from the jar. Runs after {@code package}, on its jar.
 */
class ClassDataArchiveIT {
    private static final Path LAUNCHER = Path.of("..", "evalgate").toAbsolutePath().normalize();
    private static final Path ARCHIVE = Path.of("target", "evalgate.jsa").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theLauncherLoadsTheRunsClassesFromThePackagedArchive() throws Exception {
        assertThat(ARCHIVE).as("mvn package writes the archive beside the jar").isRegularFile();
        Path classes = tmp.resolve("classes.log");
        List<String> loaded = runThroughLauncher(classes, "run", Path.of("src", "cds", "suite.yaml").toAbsolutePath()
                .toString(), "--quiet", "--cache-dir", tmp.resolve("cache").toString(), "--history",
                tmp.resolve("history.db").toString(), "--out", tmp.resolve("runs").toString());
        for (String name : List.of("picocli.CommandLine", "dev.evalgate.cli.RunCommand",
                "dev.evalgate.engine.pipeline.Pipeline", "freemarker.template.Configuration",
                "dev.evalgate.history.HistoryStore", "org.sqlite.JDBC")) {
            assertThat(loaded).as("how %s was loaded", name)
                    .contains(name + " source: shared objects file");
        }
        long fromArchive = loaded.stream().filter(l -> l.endsWith("source: shared objects file")).count();
        long fromJar = loaded.stream().filter(l -> l.contains("evalgate.jar")).count();
        assertThat(fromJar).as("classes read from the jar rather than the archive").isLessThan(fromArchive / 20);
    }

    private List<String> runThroughLauncher(Path classLog, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.log").toFile());
        // Extra JVM options only: the launcher keeps its defaults, the archive among them.
        builder.environment().put("EVALGATE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(tmp.resolve("out.log"))).isZero();
        return Files.readAllLines(classLog).stream().map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                .toList();
    }
}
