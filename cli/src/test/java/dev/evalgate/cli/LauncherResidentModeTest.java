package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.cli.resident.ResidentClient;

/**
 * {@code ./evalgate} under {@code EVALGATE_RESIDENT=1}: it hands the command line to the resident client, returns
 * the client's exit code, and runs the command in a JVM of its own only when the client says it did not run it
 * ({@link ResidentClient#NOT_SERVED}); under CI, and for {@code evalgate resident} itself, it never uses the client.
 * The launcher runs in a copy of the checkout's layout whose {@code java} is a stand-in that records which class it
 * was asked to run and exits as the test says: what the client does is {@link ResidentModeTest}'s subject.
 */
class LauncherResidentModeTest {
    private static final Path LAUNCHER = Path.of("..", "evalgate").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @BeforeEach
    void checkout() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        Files.copy(LAUNCHER, root.resolve("evalgate"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, String.join("\n", "#!/bin/bash",
                "if [[ \" $* \" == *ResidentClient* ]]; then echo client >> \"$CALLS\"; exit \"$CLIENT_EXIT\"; fi",
                "echo main >> \"$CALLS\"", "exit 1", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("evalgate.jar");
        Files.writeString(jar, "jar");
        Files.createDirectories(root.resolve("cli/target/classes/dev/evalgate/cli/resident"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // never rebuilt here
    }

    @Test
    void theClientsAnswerIsTheCommandsAnswer() throws Exception {
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "1", "CLIENT_EXIT", "0"), "run", "suite.yaml"))
                .isEqualTo(new Launch(0, List.of("client")));
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "true", "CLIENT_EXIT", "2"), "run", "suite.yaml"))
                .isEqualTo(new Launch(2, List.of("client")));
    }

    @Test
    void aCommandTheClientDidNotRunRunsInItsOwnJvm() throws Exception {
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "1", "CLIENT_EXIT",
                Integer.toString(ResidentClient.NOT_SERVED)), "run", "suite.yaml"))
                .isEqualTo(new Launch(1, List.of("client", "main")));
    }

    @Test
    void ciTheResidentCommandAndNoOptInNeverUseTheClient() throws Exception {
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "1", "CI", "true", "CLIENT_EXIT", "0"), "run", "suite.yaml"))
                .isEqualTo(new Launch(1, List.of("main")));
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "1", "CLIENT_EXIT", "0"), "resident", "stop"))
                .isEqualTo(new Launch(1, List.of("main")));
        assertThat(launch(Map.of("CLIENT_EXIT", "0"), "run", "suite.yaml"))
                .isEqualTo(new Launch(1, List.of("main")));
        assertThat(launch(Map.of("EVALGATE_RESIDENT", "1", "CI", "false", "CLIENT_EXIT", "0"), "run", "suite.yaml"))
                .as("CI=false is someone saying this is not CI").isEqualTo(new Launch(0, List.of("client")));
    }

    private record Launch(int code, List<String> calls) {
    }

    private Launch launch(Map<String, String> variables, String... args) throws Exception {
        Path calls = root.resolve("calls.log");
        Files.deleteIfExists(calls);
        List<String> command = new ArrayList<>(List.of("/bin/bash", root.resolve("evalgate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("out.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        environment.put("CALLS", calls.toString());
        environment.remove("EVALGATE_JAVA_OPTS");
        environment.remove("EVALGATE_RESIDENT");
        environment.remove("CI");
        environment.putAll(variables);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Launch(process.exitValue(), Files.readAllLines(calls));
    }
}
