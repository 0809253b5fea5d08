package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.cli.resident.ResidentClient;
import dev.evalgate.models.http.TeamService;

/**
 * Resident mode end to end, with real processes: the client ({@link ResidentClient}, what {@code ./evalgate} runs
 * under {@code EVALGATE_RESIDENT=1}) starts a resident JVM on a Unix socket and sends it command lines; each
 * answer must be what the command says in a JVM of its own. The resident JVM runs the test class path plus a jar
 * made here, which a test "rebuilds" by touching it.
 */
class ResidentModeTest {
    private static final String TOKEN = "svc-secret-resident-0b7e";
    private static final String[] JAVA_OPTIONS = {"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

    @TempDir
    Path tmp;
    private Path residentDir;
    private Path buildJar;
    private CliFixture project;

    @BeforeEach
    void setUp() throws IOException {
        // Short: a Unix socket's path has a limit of 107 bytes.
        residentDir = tmp.resolve("r");
        buildJar = tmp.resolve("build.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(buildJar))) {
            jar.setComment("stands for evalgate.jar: a rebuild changes its size or time");
        }
        project = new CliFixture(tmp.resolve("project"));
    }

    @AfterEach
    void stopResidentProcesses() throws Exception {
        evalgate("resident", "stop");
    }

    @Test
    void commandsAnsweredByTheResidentProcessMatchTheirOwnJvm() throws Exception {
        String corpus = project.corpus.toString();
        String missing = tmp.resolve("missing.yaml").toString();
        for (String[] args : List.of(new String[] {"datasets", "validate", corpus}, new String[] {"run", missing},
                new String[] {"run", "--no-such-flag"})) {
            CliFixture.Outcome own = CliFixture.runCli(args);
            Result resident = client(project.root, args);
            assertThat(resident.code()).as(resident.err()).isEqualTo(own.code());
            assertThat(resident.out()).isEqualTo(own.out());
            assertThat(resident.err()).isEqualTo(own.err());
        }

        Result verbose = client(project.root, "--verbose", "scorers");
        assertThat(verbose.code()).as("the libraries' log level is read once a JVM: --verbose needs a JVM of its own")
                .isEqualTo(ResidentClient.NOT_SERVED);
        assertThat(verbose.err()).contains("--verbose", "running the command in its own JVM");

        Result status = evalgate("resident", "status");
        assertThat(status.out()).contains("3 commands served", "working directory " + project.root);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(residentDir))).isEqualTo("rwx------");
        assertThat(sockets()).singleElement().satisfies(socket -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket))).isEqualTo("rw-------"));
    }

    @Test
    void aRunInTheResidentProcessWritesTheSameResultsAsOneInItsOwnJvm() throws Exception {
        Result first = client(project.root, "run", "suite.yaml", "--out", "resident-runs", "--quiet");
        Result second = client(project.root, "run", "suite.yaml", "--out", "resident-runs", "--quiet");
        CliFixture.Outcome own = CliFixture.runCli("run", project.suite.toString(), "--out",
                project.root.resolve("own-runs").toString(), "--quiet");

        assertThat(first.code()).as(first.err()).isEqualTo(own.code());
        assertThat(second.code()).isEqualTo(own.code());
        assertThat(first.out()).contains("3 results");
        List<Path> runs = runDirectories(project.root.resolve("resident-runs"));
        assertThat(runs).hasSize(2);
        String ownResults = results(runDirectories(project.root.resolve("own-runs")).get(0));
        for (Path run : runs) {
            assertThat(results(run)).isEqualTo(ownResults);
        }
        assertThat(evalgate("resident", "status").out()).contains("2 commands served");
    }

    @Test
    void aRebuiltJarIsServedByANewProcessAndTheOldOneLeaves() throws Exception {
        assertThat(client(project.root, "datasets", "validate", "corpus").code()).isZero();
        Path before = sockets().get(0);

        Files.setLastModifiedTime(buildJar, FileTime.from(Instant.now().plusSeconds(5)));
        Result after = client(project.root, "datasets", "validate", "corpus");

        assertThat(after.code()).as(after.err()).isZero();
        assertThat(sockets()).doesNotContain(before).hasSize(1);
        waitUntil(() -> !Files.exists(before), "the old resident process removes its socket when it leaves");
    }

    @Test
    void aCommandSentWhileAnotherRunsIsLeftToTheLauncherAndCtrlCOrAHangUpEndsTheRunAsInItsOwnJvm() throws Exception {
        writeCases(300);
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "concurrency: 4\n");
        try (TeamService service = new TeamService(TOKEN)) {
            service.answerMillis = 5; // a run of some seconds, still going when the test acts
            CliFixture.write(project.root.resolve("service.yaml"), service.definition("/data/answer", "SUPPORT_TOKEN"));
            CliFixture.write(project.bundle, String.join("\n", "id: tiny-bundle", "version: 1.0.0",
                    "model: http:service.yaml", "template: \"{{question}}\"", ""));
            Launched longRun = start(project.root, "run", "suite.yaml", "--out", "runs", "--no-cache");
            Path runs = project.root.resolve("runs");
            waitUntil(() -> service.requests.size() > 20, "the long run is under way");

            Result meanwhile = client(project.root, "datasets", "validate", "corpus");
            assertThat(meanwhile.code()).isEqualTo(ResidentClient.NOT_SERVED);
            assertThat(meanwhile.err()).contains("running another command", "running the command in its own JVM");
            assertThat(meanwhile.out()).isEmpty();

            Path socket = sockets().get(0);
            longRun.process().destroy(); // SIGTERM: the client's JVM shuts down as on Ctrl-C
            Result interrupted = finish(longRun);
            waitUntil(() -> !Files.exists(socket), "the resident process ends when its client is interrupted");
            Path run = runDirectories(runs).get(0);
            assertThat(lines(run.resolve("results.jsonl"))).isBetween(1L, 299L);
            assertThat(interrupted.err()).as("the resident process's last words reach the client")
                    .contains("stopped after", "finish it with 'evalgate run --resume ", run.getFileName().toString());

            // A client killed outright (no shutdown at all) just hangs up: the resident process ends all the same.
            int served = service.requests.size();
            Launched killed = start(project.root, "run", "suite.yaml", "--resume", run.toString(), "--no-cache");
            waitUntil(() -> service.requests.size() > served + 20, "the resumed run is under way");
            Path secondSocket = sockets().get(0);
            killed.process().destroyForcibly();
            waitUntil(() -> !Files.exists(secondSocket), "the resident process ends when its client hangs up");

            // The run stopped as a run in its own JVM stops on Ctrl-C: a new resident process finishes it.
            Result resumed = client(project.root, "run", "suite.yaml", "--resume", run.toString(), "--no-cache",
                    "--quiet");
            assertThat(resumed.code()).as(resumed.err()).isIn(0, 1);
            assertThat(lines(run.resolve("results.jsonl"))).isEqualTo(300);
        }
    }

    @Test
    void aCommandWhoseOutputIsNoLongerReadStillEndsWithItsOwnExitCodeAndRunsOnce() throws Exception {
        // `evalgate ... | head -1`: the reader goes away; a command in its own JVM writes on into the closed pipe
        // and ends with its exit code. The client must do the same, not give the command back to the launcher
        // (which would run it a second time).
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                ResidentClient.class.getName(), System.getProperty("java.class.path") + File.pathSeparator
                        + buildJar));
        command.addAll(List.of(JAVA_OPTIONS));
        command.addAll(List.of("--", "scorers"));
        Path err = tmp.resolve("closed-out.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.root.toFile())
                .redirectError(err.toFile());
        builder.environment().put("EVALGATE_RESIDENT_DIR", residentDir.toString());
        builder.environment().put("EVALGATE_RESIDENT_IDLE_SECONDS", "120");
        Process client = builder.start();
        client.getInputStream().close();

        assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(err)).doesNotContain("its own JVM");
        assertThat(evalgate("resident", "status").out()).contains("1 command served");
    }

    @Test
    void aSocketDirectoryOthersCanUseIsRefused() throws Exception {
        Files.createDirectories(residentDir);
        Files.setPosixFilePermissions(residentDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result refused = client(project.root, "datasets", "validate", "corpus");

        assertThat(refused.code()).isEqualTo(ResidentClient.NOT_SERVED);
        assertThat(refused.err()).contains(residentDir.toString(), "open to other users", "chmod 700");
        assertThat(refused.out()).isEmpty();
        try (Stream<Path> files = Files.list(residentDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void stopEndsTheResidentProcess() throws Exception {
        assertThat(client(project.root, "datasets", "validate", "corpus").code()).isZero();
        Path socket = sockets().get(0);

        Result stop = evalgate("resident", "stop");

        assertThat(stop.out()).contains("stopped");
        waitUntil(() -> !Files.exists(socket), "a stopped resident process removes its socket");
        assertThat(evalgate("resident", "status").out()).contains("no resident evalgate process is running");
    }

    private void writeCases(int count) throws IOException {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < count; i++) {
            cases.append("{\"id\": \"case-").append(i).append("\", \"input\": {\"question\": \"Question ").append(i)
                    .append("?\"}}\n");
        }
        Files.writeString(project.corpus.resolve("cases.jsonl"), cases);
        project.freeze();
    }

    private record Result(int code, String out, String err) {
    }

    private Result client(Path workingDirectory, String... args) throws Exception {
        return finish(start(workingDirectory, args));
    }

    private Launched start(Path workingDirectory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                ResidentClient.class.getName(), System.getProperty("java.class.path") + File.pathSeparator + buildJar));
        command.addAll(List.of(JAVA_OPTIONS));
        command.add("--");
        command.addAll(List.of(args));
        return launch(command, workingDirectory);
    }

    /** The full command line in a JVM of its own, with the resident directory of this test. */
    private Result evalgate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return finish(launch(command, tmp));
    }

    /** A started command and the files its two streams go to. */
    private record Launched(Process process, Path out, Path err) {
    }

    private Launched launch(List<String> command, Path workingDirectory) throws IOException {
        Path out = Files.createTempFile(tmp, "out", ".log");
        Path err = Files.createTempFile(tmp, "err", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("EVALGATE_RESIDENT_DIR", residentDir.toString());
        environment.put("EVALGATE_RESIDENT_IDLE_SECONDS", "120"); // a process a failed test leaves ends soon
        environment.put("SUPPORT_TOKEN", TOKEN);
        environment.put("XDG_DATA_HOME", tmp.resolve("xdg-data").toString()); // the history, not the user's
        return new Launched(builder.start(), out, err);
    }

    private static Result finish(Launched launched) throws Exception {
        if (!launched.process().waitFor(120, TimeUnit.SECONDS)) {
            launched.process().destroyForcibly();
            throw new AssertionError("the command did not finish within 120 s");
        }
        return new Result(launched.process().exitValue(), Files.readString(launched.out(), StandardCharsets.UTF_8),
                Files.readString(launched.err(), StandardCharsets.UTF_8));
    }

    private List<Path> sockets() throws IOException {
        try (Stream<Path> files = Files.list(residentDir)) {
            return files.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    private static List<Path> runDirectories(Path runs) {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The run's results without what differs between two runs of the same suite (ids and times). */
    private static String results(Path run) throws IOException {
        return Files.readString(run.resolve("results.jsonl"))
                .replaceAll("\"(latencyMs|ttftMs)\":[0-9.Ee-]+", "")
                .replaceAll("\\d{8}-\\d{6}-tiny-bundle-[0-9a-f]{4}", "RUN");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
