package dev.evalgate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind the class-data archive that {@code mvn package} writes beside the jar
 * ({@code cli/target/evalgate.jsa}): run once under {@code -XX:DumpLoadedClassList}, it runs the commands a user
 * repeats most (a run, the same run answered by the inference cache, report, gate, history and the help), so the
 * archive holds the classes each of them loads. One JVM for all of them, because a class list belongs to one JVM.
 *
 * <p>Usage: {@code ArchiveTraining SUITE WORK_DIR}; WORK_DIR is emptied first and then holds the runs' cache,
 * history and run directories. Exits non-zero when a command fails, so a broken training run breaks the build
 * instead of writing a thin archive.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ArchiveTraining SUITE WORK_DIR");
            System.exit(2);
        }
        String suite = args[0];
        Path work = Path.of(args[1]);
        // A fresh start on every build: the first run must call the model, not find last build's answers.
        deleteTree(work);
        String history = work.resolve("history.db").toString();
        String runs = work.resolve("runs").toString();
        List<String> run = List.of("run", suite, "--quiet", "--cache-dir", work.resolve("cache").toString(),
                "--history", history, "--out", runs);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true);
        // Twice: the second run is answered by the inference cache, the path a rerun takes.
        require(run, EvalgateCommand.execute(run.toArray(String[]::new), quiet, System.err), 0, 1);
        require(run, EvalgateCommand.execute(run.toArray(String[]::new), quiet, System.err), 0, 1);
        String runDir = latestRun(Path.of(runs)).toString();
        for (List<String> command : List.of(
                List.of("report", runDir, "--suite", suite),
                List.of("gate", runDir, "--suite", suite, "--history", history),
                List.of("history", "--history", history),
                List.of("--help"),
                List.of("--version"))) {
            require(command, EvalgateCommand.execute(command.toArray(String[]::new), quiet, System.err), 0, 1);
        }
        System.exit(0);
    }

    private static void require(List<String> command, int code, int... expected) {
        for (int ok : expected) {
            if (code == ok) {
                return;
            }
        }
        System.err.println("class-data training: 'evalgate " + String.join(" ", command) + "' exited " + code);
        System.exit(code == 0 ? 4 : code);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path latestRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).max(Path::compareTo)
                    .orElseThrow(() -> new IOException("the training run left no run directory in " + runs));
        }
    }
}
