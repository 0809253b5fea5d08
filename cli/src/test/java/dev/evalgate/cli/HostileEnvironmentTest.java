package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment fails under evalgate: a full disk, a read-only file system. Each is exit 3 with one line that
 * names the path and what to do, never exit 4 with a stack trace, and what was computed is kept.
 */
class HostileEnvironmentTest {
    @TempDir
    Path tmp;

    CliFixture project;

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp.resolve("project"));
    }

    /** Twenty cases whose recorded outputs are 4 KiB each, so a small disk fills up in the middle of the run. */
    private void bigOutputs() {
        List<String> cases = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cases.add("{\"id\": \"c" + i + "\", \"input\": {\"question\": \"q" + i + "\"}}");
            outputs.add("{\"id\": \"c" + i + "\", \"output\": \"{\\\"answer\\\": \\\"" + "x".repeat(4096) + "\\\"}\"}");
        }
        CliFixture.write(project.corpus.resolve("cases.jsonl"), String.join("\n", cases) + "\n");
        CliFixture.write(project.root.resolve("outputs.jsonl"), String.join("\n", outputs) + "\n");
        project.freeze();
    }

    @Test
    void aFullDiskLeavesAResumableRunAndExits3() throws IOException {
        bigOutputs();
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), "48k")) {
            CliFixture.Outcome full = project.run("run", project.suite.toString(), "--quiet", "--no-cache",
                    "--out", disk.dir.toString());
            assertThat(full.code()).as(full.err()).isEqualTo(3);
            assertThat(full.err()).contains("No space left on device").doesNotContain("\tat ", "Exception");
            assertThat(full.err().strip().lines()).hasSize(1);
            Path run = onlyRun(disk.dir);
            long kept = Files.readString(run.resolve("results.jsonl")).lines().filter(l -> l.endsWith("}")).count();
            assertThat(kept).as("results written before the disk filled up").isPositive();
            assertThat(full.err()).contains("--resume " + run);

            disk.remount("size=4m");
            CliFixture.Outcome resumed = project.run("run", "--resume", run.toString(), "--quiet", "--no-cache");
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("20 results");
            assertThat(Files.readString(run.resolve("results.jsonl")).lines()).hasSize(20);
            assertThat(run.resolve("report.html")).isRegularFile();
        }
    }

    @Test
    void aDiskTooSmallForTheRunRecordExits3BeforeAnythingIsLost() {
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("tiny"), "16k")) {
            bigOutputs();
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache",
                    "--out", disk.dir.toString());
            assertThat(outcome.code()).as(outcome.err()).isEqualTo(3);
            assertThat(outcome.err()).contains(disk.dir.toString()).doesNotContain("\tat ");
        }
    }

    @Test
    void reportsThatDoNotFitExit3AndTheRunStaysReadable() throws IOException {
        Path run = finishedRun();
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("reports"), "4k")) {
            CliFixture.Outcome outcome = project.run("report", run.toString(), "--out", disk.dir.toString());
            assertThat(outcome.code()).as(outcome.err()).isEqualTo(3);
            assertThat(outcome.err()).contains("cannot write reports").contains("No space left on device")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aReadOnlyPlaceIsExit3ForRunResumeReportAndGate() throws IOException {
        try (Tmpfs ro = Tmpfs.mount(tmp.resolve("ro"), "4m")) {
            CliFixture.Outcome first = project.run("run", project.suite.toString(), "--quiet", "--no-cache",
                    "--out", ro.dir.toString());
            assertThat(first.code()).as(first.err()).isZero();
            Path run = onlyRun(ro.dir);
            ro.remount("ro");

            CliFixture.Outcome out = project.run("run", project.suite.toString(), "--quiet", "--no-cache",
                    "--out", ro.dir.resolve("more").toString());
            assertThat(out.code()).as(out.err()).isEqualTo(3);
            assertThat(out.err()).contains(ro.dir.toString()).contains("--out").doesNotContain("\tat ");

            CliFixture.Outcome resume = project.run("run", "--resume", run.toString(), "--quiet", "--no-cache");
            assertThat(resume.code()).as(resume.err()).isEqualTo(3);
            assertThat(resume.err()).contains("run.lock").contains("Read-only file system").doesNotContain("\tat ");

            CliFixture.Outcome report = project.run("report", run.toString());
            assertThat(report.code()).as(report.err()).isEqualTo(3);
            assertThat(report.err()).contains("Read-only file system").doesNotContain("\tat ");

            CliFixture.Outcome gate = project.run("gate", run.toString());
            assertThat(gate.code()).as(gate.err()).isEqualTo(3);
            assertThat(gate.err()).contains("Read-only file system").doesNotContain("\tat ");
        }
    }

    @Test
    void embeddedModelRunsLeaveNothingInTheTempDirectoryEvenWhenKilled() throws Exception {
        Path model = SharedModelFile.path();
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            cases.add("{\"id\": \"c" + i + "\", \"input\": {\"question\": \"Tell story " + i + "\"}}");
        }
        CliFixture.write(project.corpus.resolve("cases.jsonl"), String.join("\n", cases) + "\n");
        project.freeze();
        CliFixture.write(project.bundle, CliFixture.read(project.bundle)
                .replace("replay:outputs.jsonl", "llamacpp:model.gguf").replace("seed: 7", "seed: 7\n  max_tokens: 8"));

        Process finished = cli(temp, model);
        assertThat(finished.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(finished.exitValue()).isZero();
        assertThat(libraryDirectories(temp)).as("after a run that ended normally").isEmpty();

        Process killed = cli(temp, model);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (libraryDirectories(temp).stream().noneMatch(d -> Files.exists(d.resolve("libjllama.so")))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<Path> left = libraryDirectories(temp);
        assertThat(left).as("a killed process cannot clean up after itself").hasSize(1);
        // Some time later (past the grace given to a process still setting its directory up) a run starts.
        Files.setLastModifiedTime(left.get(0), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000));

        Process next = cli(temp, model);
        assertThat(next.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(next.exitValue()).isZero();
        assertThat(libraryDirectories(temp)).as("the dead process's directory is cleaned at start-up").isEmpty();
    }

    private Process cli(Path temp, Path model) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", project.suite.toString(), "--model", model.toString(), "--quiet",
                "--no-cache").redirectErrorStream(true).redirectOutput(tmp.resolve("cli-" + System.nanoTime()
                + ".log").toFile()).start();
    }

    private static List<Path> libraryDirectories(Path temp) throws IOException {
        try (Stream<Path> entries = Files.list(temp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("evalgate-llama-")).toList();
        }
    }

    private Path finishedRun() throws IOException {
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--no-cache");
        assertThat(outcome.code()).as(outcome.err()).isZero();
        return onlyRun(project.root.resolve("runs"));
    }

    static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.filter(Files::isDirectory).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }
}
