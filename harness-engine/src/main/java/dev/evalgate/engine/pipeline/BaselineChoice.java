package dev.evalgate.engine.pipeline;

import java.nio.file.Path;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Advised;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.Wording;
import dev.evalgate.engine.baseline.BaselineStore;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which baseline a candidate is compared with: none, one stored by name or directory, or a run already in memory
 * (a test's fixture).
 *
 * @param nameOrDirectory a name under the baseline store or a run directory; null when {@code run} is given or
 *                        no baseline is wanted
 * @param storeDirectory  where named baselines live; null for the suite's store (else {@code baselines/} here)
 * @param run             the baseline run itself, or null
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record BaselineChoice(String nameOrDirectory, Path storeDirectory, RunResult run) {
    /** No baseline: only the gate rules that need none are checked. */
    public static final BaselineChoice NONE = new BaselineChoice(null, null, null);

    public BaselineChoice {
        if (nameOrDirectory != null && run != null) {
            throw new IllegalArgumentException("give a baseline name or a baseline run, not both");
        }
        if (nameOrDirectory != null && nameOrDirectory.isBlank()) {
            throw new IllegalArgumentException("baseline name must not be blank");
        }
    }

    /** @param storeDirectory where named baselines live, or null for the suite's own store */
    public static BaselineChoice named(String nameOrDirectory, Path storeDirectory) {
        return nameOrDirectory == null ? NONE : new BaselineChoice(nameOrDirectory, storeDirectory, null);
    }

    public static BaselineChoice of(RunResult run) {
        return new BaselineChoice(null, null, java.util.Objects.requireNonNull(run, "run"));
    }

    public boolean given() {
        return nameOrDirectory != null || run != null;
    }

    /** The baseline as the user named it, or its run id; null when none was given. */
    public String label() {
        return nameOrDirectory != null ? nameOrDirectory : run != null ? run.spec().runId() : null;
    }

    /** Where named baselines live: the one given, else the suite's store, else {@code baselines/} here. */
    public BaselineStore store(Suite suite) {
        if (storeDirectory != null) {
            return new BaselineStore(storeDirectory);
        }
        return suite != null ? suite.baselineStore() : new BaselineStore(Path.of(BaselineStore.DEFAULT_DIRECTORY));
    }

    /** The baseline run, or null when none was given; a baseline that was given must exist. */
    public RunResult read(Suite suite) {
        if (run != null || nameOrDirectory == null) {
            return run;
        }
        return store(suite).read(nameOrDirectory);
    }

    /**
     * The baseline for a gate: the run, or why the one asked for is missing (the rules that need it then fail the
     * gate unless the suite says {@code on_unchecked: warn}), or neither when none was asked for.
     */
    public Resolved resolve(Suite suite) {
        return resolve(suite, Wording.ENGINE);
    }

    /** {@link #resolve(Suite)}, saying why a baseline is missing in a front end's words. */
    public Resolved resolve(Suite suite, Wording wording) {
        if (run != null || nameOrDirectory == null) {
            return new Resolved(run, null);
        }
        BaselineStore store = store(suite);
        if (store.exists(nameOrDirectory)) {
            return new Resolved(store.read(nameOrDirectory), null);
        }
        try {
            store.read(nameOrDirectory);
            throw new IllegalStateException("baseline '" + nameOrDirectory + "' appeared while it was read");
        } catch (InvalidInputException missing) {
            return new Resolved(null, missing instanceof Advised advised ? advised.advice().render(wording)
                    : missing.problem());
        }
    }

    /** @param missing why the baseline asked for is not there, or null */
    public record Resolved(RunResult run, String missing) {
    }
}
