package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.internal.RunStore;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A run read back from its directory to be gated or reported again: its results (a result line that repeats a case
 * is left out, with a note) and whether it finished. A gate refuses an unfinished run; a report of one says how
 * much it holds.
 *
 * @param run    the run as stored
 * @param status {@link RunRecord#COMPLETED} once every result is in, else the status the run was left in
 * @param notes  what was mended while reading it, for people
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record StoredRun(RunResult run, String status, List<String> notes) {
    public StoredRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(status, "status");
        notes = List.copyOf(notes);
    }

    /** Reads the run in {@code directory}. */
    public static StoredRun read(Path directory) {
        String status = RunStore.readRecord(directory).status();
        RunStore.Loaded loaded = RunStore.load(directory);
        return new StoredRun(loaded.run(), status == null ? "" : status, loaded.notes());
    }

    public boolean finished() {
        return RunRecord.COMPLETED.equals(status);
    }

    /**
     * The run, when it finished; a killed run holds only some of its cases, and a verdict on them would pass a
     * build on a fraction.
     *
     * @throws AdvisedInputException naming {@code run.json}'s status and how to finish the run
     */
    public RunResult requireFinished() {
        if (!finished()) {
            throw new AdvisedInputException(run.directory().resolve(RunStore.RUN_FILE), 0, "status",
                    Advice.text("the run has not finished (status '" + status + "', " + run.results().size()
                            + " results stored); finish it with ").then(Setting.RESUME, run.directory())
                            .then(" before gating it"), null);
        }
        return run;
    }

    /** For a report of an unfinished run: how much of it there is and how to finish it; empty once finished. */
    public Optional<Advice> unfinished() {
        if (finished()) {
            return Optional.empty();
        }
        int expected = run.spec().corpora().stream().mapToInt(c -> c.cases()).sum() * run.spec().repeats();
        return Optional.of(Advice.text("this run is unfinished (" + run.results().size() + " of up to " + expected
                + " results); the reports cover only those. Finish it with ").then(Setting.RESUME, run.directory()));
    }
}
