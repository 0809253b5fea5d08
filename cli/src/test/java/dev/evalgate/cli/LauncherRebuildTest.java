package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./evalgate} rebuilds the jar when a source or a pom is newer than it, and only then: build output, runs and
 * git's data are not sources (and not walked). The launcher runs in a copy of the checkout's layout whose
 * {@code mvn} and {@code java} are stand-ins that record their call: a real build has no place in a unit test.
 */
class LauncherRebuildTest {
    private static final Path LAUNCHER = Path.of("..", "evalgate").toAbsolutePath().normalize();

    @TempDir
    Path root;
    private Path jar;

    @BeforeEach
    void checkout() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        Files.copy(LAUNCHER, root.resolve("evalgate"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        stub(bin.resolve("mvn"), "echo mvn >> \"$CALLS\"");
        stub(bin.resolve("java"), "echo java >> \"$CALLS\"");
        jar = Files.createDirectories(root.resolve("cli/target")).resolve("evalgate.jar");
        Files.writeString(jar, "jar");
        Files.writeString(Files.createDirectories(root.resolve("cli/src/main/java")).resolve("Main.java"), "class A {}");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        // Directories count too (a deleted source changes its directory): everything but the jar is older.
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                age(path, 60);
            }
        }
        age(jar, 30);
    }

    @Test
    void aJarNewerThanEverySourceIsRunAsItIs() throws Exception {
        Files.writeString(Files.createDirectories(root.resolve("cli/target/classes")).resolve("Main.class"), "new");
        Files.writeString(Files.createDirectories(root.resolve("runs/r1")).resolve("run.json"), "{}");
        assertThat(launch()).containsExactly("java");
    }

    @Test
    void aNewerSourceRebuildsTheJarFirst() throws Exception {
        Files.writeString(root.resolve("cli/src/main/java/Main.java"), "class B {}");
        assertThat(launch()).containsExactly("mvn", "java");
    }

    @Test
    void aSourceInAPackageNamedTargetStillCounts() throws Exception {
        Path source = Files.createDirectories(root.resolve("cli/src/main/java/dev/target")).resolve("Aim.java");
        Files.writeString(source, "class Aim {}");
        assertThat(launch()).containsExactly("mvn", "java");
    }

    @Test
    void aNewerPomRebuildsTheJarFirst() throws Exception {
        Files.writeString(root.resolve("pom.xml"), "<project></project>");
        assertThat(launch()).containsExactly("mvn", "java");
    }

    private List<String> launch() throws Exception {
        Path calls = root.resolve("calls.log");
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", root.resolve("evalgate").toString(), "--version")
                .redirectErrorStream(true).redirectOutput(root.resolve("out.log").toFile());
        builder.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().put("CALLS", calls.toString());
        builder.environment().remove("EVALGATE_JAVA_OPTS");
        builder.environment().remove("EVALGATE_RESIDENT");
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(root.resolve("out.log"))).isZero();
        return Files.readAllLines(calls);
    }

    private static void stub(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void age(Path file, int minutes) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60L * minutes)));
    }
}
