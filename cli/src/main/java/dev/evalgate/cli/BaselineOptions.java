package dev.evalgate.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.baseline.BaselineStore;

/** Which baseline a command compares with, shared by {@code run}, {@code gate} and {@code report}. */
public final class BaselineOptions {
    @Option(names = "--baseline", paramLabel = "NAME|DIR", description = "Compare with this stored baseline: a name "
            + "under the suite's baselines, or a run directory. Without it, only gate rules that need no baseline "
            + "are checked.")
    String baseline;

    @Option(names = "--baselines-dir", paramLabel = "DIR", description = "Where named baselines are stored "
            + "(default: the suite's 'baselines', else baselines/ next to the suite).")
    Path baselinesDir;

    @Option(names = "--allow-corpus-change", description = "Compare with a baseline of another corpus version, on "
            + "the case ids both runs share.")
    boolean allowCorpusChange;

    boolean given() {
        return baseline != null;
    }

    /** The name or directory as the user gave it, for messages. */
    String label() {
        return baseline;
    }

    boolean allowCorpusChange() {
        return allowCorpusChange;
    }

    /** Where named baselines live: the flag, else the suite's store, else {@code baselines/} here. */
    BaselineStore store(Suite suite) {
        if (baselinesDir != null) {
            return new BaselineStore(baselinesDir);
        }
        return suite != null ? suite.baselineStore() : new BaselineStore(Path.of(BaselineStore.DEFAULT_DIRECTORY));
    }

    /** The baseline run, or null when none was asked for; a baseline that was asked for must exist. */
    RunResult read(Suite suite) {
        return baseline == null ? null : store(suite).read(baseline);
    }

    /**
     * The baseline for a gate: the run, or why a baseline that was asked for is missing (the rules that need it
     * then fail the gate unless the suite says {@code on_unchecked: warn}), or neither when none was asked for.
     */
    Chosen choose(Suite suite) {
        if (baseline == null) {
            return new Chosen(null, null);
        }
        BaselineStore store = store(suite);
        if (store.exists(baseline)) {
            return new Chosen(store.read(baseline), null);
        }
        try {
            store.read(baseline);
            throw new IllegalStateException("baseline '" + baseline + "' appeared while it was read");
        } catch (dev.evalgate.datasets.InvalidInputException missing) {
            return new Chosen(null, missing.problem());
        }
    }

    /** @param missing why the baseline asked for is not there, or null */
    record Chosen(RunResult run, String missing) {
    }
}
