package dev.evalgate.engine.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.internal.RunStore;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Named baselines as plain files a team can commit or cache in CI: {@code ROOT/NAME/run.json} and
 * {@code ROOT/NAME/results.jsonl}, copies of the promoted run. The default root is {@code baselines/} next to the
 * suite file.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class BaselineStore {
    public static final String DEFAULT_DIRECTORY = "baselines";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path root;

    public BaselineStore(Path root) {
        this.root = root;
    }

    /** The store next to a suite file: {@code <suite dir>/baselines}. */
    public static BaselineStore nextTo(Path suiteFile) {
        Path dir = suiteFile.toAbsolutePath().getParent();
        return new BaselineStore(dir.resolve(DEFAULT_DIRECTORY));
    }

    public Path root() {
        return root;
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * Where a baseline given as {@code NAME} or as a directory lives: a name is looked up in this store, anything
     * that looks like a path (contains a separator, or is an existing run directory) is used as it is.
     */
    public Path locate(String nameOrDirectory) {
        Path asPath = Path.of(nameOrDirectory);
        if (nameOrDirectory.contains("/") || nameOrDirectory.contains(java.io.File.separator)
                || Files.isRegularFile(asPath.resolve(RunStore.RUN_FILE))) {
            return asPath;
        }
        requireName(nameOrDirectory);
        return root.resolve(nameOrDirectory);
    }

    /** Whether a baseline given by name or directory exists (a malformed name is still refused). */
    public boolean exists(String nameOrDirectory) {
        return Files.isRegularFile(locate(nameOrDirectory).resolve(RunStore.RUN_FILE));
    }

    /** Reads a baseline by name or directory; the error says which baselines exist when it is not found. */
    public RunResult read(String nameOrDirectory) {
        Path dir = locate(nameOrDirectory);
        boolean givenAsPath = nameOrDirectory.contains("/") || nameOrDirectory.contains(java.io.File.separator);
        if (givenAsPath && !Files.isRegularFile(dir.resolve(RunStore.RUN_FILE))) {
            // given as a path: promoting under that "name" is no advice; say what the path is missing
            throw AdvisedInputException.ofSetting(null, Setting.BASELINE, Advice.text("'" + nameOrDirectory
                    + "' is not a run directory (it has no " + RunStore.RUN_FILE + "); give a run directory or the"
                    + " name of a stored baseline" + (names().isEmpty() ? "" : " (" + String.join(", ", names())
                    + ")")));
        }
        if (!Files.isRegularFile(dir.resolve(RunStore.RUN_FILE))) {
            List<String> known = names();
            throw AdvisedInputException.ofSetting(null, Setting.BASELINE, Advice.text("no baseline '"
                    + nameOrDirectory + "' at " + dir + (known.isEmpty() ? "; none is stored in " + root
                    : "; stored baselines: " + String.join(", ", known)) + ". Promote a run first: ")
                    .then(Setting.PROMOTE_BASELINE, nameOrDirectory));
        }
        return RunStore.read(dir);
    }

    /** Names of the stored baselines, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(RunStore.RUN_FILE)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baselines in " + root, e);
        }
    }

    /**
     * Stores a finished run as baseline {@code name}, replacing any baseline of that name in one step, so a reader
     * never sees half of the old and half of the new one.
     *
     * @return the baseline's directory
     */
    public Path promote(Path runDirectory, String name) {
        requireName(name);
        RunRecord record = RunStore.readRecord(runDirectory);
        if (!RunRecord.COMPLETED.equals(record.status())) {
            throw new AdvisedInputException(runDirectory.resolve(RunStore.RUN_FILE), 0, "status",
                    Advice.text("the run has not finished (status '" + record.status() + "'); finish it with ")
                            .then(Setting.RESUME, runDirectory).then(" before promoting it"), null);
        }
        Path target = root.resolve(name);
        Path staging = root.resolve("." + name + ".promoting");
        Path old = root.resolve("." + name + ".replaced");
        try {
            Files.createDirectories(root);
            deleteTree(staging);
            deleteTree(old);
            Files.createDirectories(staging);
            Files.copy(runDirectory.resolve(RunStore.RUN_FILE), staging.resolve(RunStore.RUN_FILE));
            Path results = runDirectory.resolve(RunStore.RESULTS_FILE);
            if (Files.exists(results)) {
                Files.copy(results, staging.resolve(RunStore.RESULTS_FILE));
            } else {
                Files.createFile(staging.resolve(RunStore.RESULTS_FILE));
            }
            if (Files.exists(target)) {
                move(target, old);
            }
            move(staging, target);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store baseline '" + name + "' in " + root, e);
        }
        return target;
    }

    private static void requireName(String name) {
        if (!isValidName(name)) {
            throw AdvisedInputException.ofSetting(null, Setting.BASELINE_NAME, Advice.text("baseline names are"
                    + " letters, digits, '.', '-' and '_' (at most 100), starting with a letter or digit, such as"
                    + " main or release-1.2; found '" + name + "'"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
