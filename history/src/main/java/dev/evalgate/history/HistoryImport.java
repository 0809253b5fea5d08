package dev.evalgate.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;

/**
 * Backfills the history from run directories already on disk, read with the engine's own run reader. A run
 * already recorded is skipped, so an import can be repeated; an unreadable run is reported and the rest go on.
 */
public final class HistoryImport {
    /** @param skipped runs already in the history; {@code problems} names each directory that could not be read */
    public record Outcome(List<String> imported, List<String> skipped, List<String> problems) {
    }

    private final HistoryStore store;

    public HistoryImport(HistoryStore store) {
        this.store = store;
    }

    /** @param root a run directory, or a directory whose subdirectories are run directories */
    public Outcome importRuns(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root, 0, null, "not a directory; give the directory that holds the "
                    + "run directories (such as runs/)");
        }
        List<Path> directories = runDirectories(root);
        if (directories.isEmpty()) {
            throw new InvalidInputException(root, 0, null, "holds no run directory (none has " + RunStore.RUN_FILE
                    + ")");
        }
        List<String> imported = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        RunRecorder recorder = store.recorder();
        for (Path dir : directories) {
            try {
                RunResult run = RunStore.read(dir);
                if (recorder.contains(run.spec().runId())) {
                    skipped.add(run.spec().runId());
                    continue;
                }
                recorder.record(run, null, GitInfo.NONE);
                imported.add(run.spec().runId());
            } catch (RuntimeException e) {
                problems.add(dir + ": " + e.getMessage());
            }
        }
        return new Outcome(imported, skipped, problems);
    }

    private static List<Path> runDirectories(Path root) {
        if (Files.isRegularFile(root.resolve(RunStore.RUN_FILE))) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(RunStore.RUN_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
