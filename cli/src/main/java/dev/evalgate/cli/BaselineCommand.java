package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.baseline.BaselineStore;
import dev.evalgate.engine.internal.RunStore;

@Command(name = "baseline",
        description = {"Stores runs as named baselines: plain files (run.json, results.jsonl) a team commits or "
                + "caches in CI."},
        mixinStandardHelpOptions = true,
        subcommands = {BaselineCommand.Promote.class, BaselineCommand.ListBaselines.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate baseline promote runs/20261125-101500-support-1a2b --name main",
                "  evalgate baseline list --suite suite.yaml"})
public final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: promote or list");
    }

    /** Where baselines live: the flag, else the suite's setting, else baselines/ next to the run's suite. */
    static BaselineStore store(Path baselinesDir, Path suiteFile, Path runDirectory) {
        if (baselinesDir != null) {
            return new BaselineStore(baselinesDir);
        }
        if (suiteFile == null && runDirectory == null) {
            throw new dev.evalgate.datasets.InvalidInputException(null, 0, "--suite", "give --suite suite.yaml or "
                    + "--baselines-dir DIR to say where the baselines are");
        }
        RunRecord record = runDirectory == null ? null : RunStore.readRecord(runDirectory);
        Suite suite = SuiteOfRun.load(suiteFile, record == null ? null : record.spec(), runDirectory);
        return suite.baselineStore();
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Stores a finished run as baseline NAME, replacing any baseline of that name.",
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate baseline promote runs/20261125-101500-support-1a2b --name main",
                    "  evalgate baseline promote runs/candidate --name release-1.2 --suite suite.yaml"})
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The finished run to promote.")
        Path run;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "main",
                description = "The baseline's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--suite", paramLabel = "FILE", description = "The suite whose baselines directory to use "
                + "(default: the suite the run was started from).")
        Path suiteFile;

        @Option(names = "--baselines-dir", paramLabel = "DIR", description = "Store the baseline here instead.")
        Path baselinesDir;

        @Option(names = "--allow-partial", description = "Promote a run of one tier or shard of the suite; "
                + "without it such a run is refused, since full runs would be compared with a part.")
        boolean allowPartial;

        @Override
        public Integer call() {
            var selection = RunStore.readRecord(run).spec().selection();
            boolean partial = selection.shard() != null
                    || selection.tier() != null && !selection.tier().equals("full");
            if (partial && !allowPartial) {
                throw new dev.evalgate.datasets.InvalidInputException(run.resolve(RunStore.RUN_FILE), 0,
                        "selection", "this run evaluated part of the suite (" + selection.described().render(CliWording.WORDING) + "); as "
                        + "baseline '" + name + "' it would be compared with runs of every case. Promote a run of "
                        + "the whole suite, or pass --allow-partial to store this one anyway");
            }
            BaselineStore store = store(baselinesDir, suiteFile, run);
            Path stored = store.promote(run, name);
            spec.commandLine().getOut().println("baseline '" + name + "' is now run "
                    + RunStore.readRecord(stored).spec().runId() + ": " + stored);
            return ExitCode.PASS.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the stored baselines.",
            footerHeading = "%nExample:%n", footer = "  evalgate baseline list --suite examples/quickstart/suite.yaml")
    static final class ListBaselines implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--suite", paramLabel = "FILE", description = "The suite whose baselines to list.")
        Path suiteFile;

        @Option(names = "--baselines-dir", paramLabel = "DIR", description = "List the baselines stored here.")
        Path baselinesDir;

        @Override
        public Integer call() {
            BaselineStore store = store(baselinesDir, suiteFile, null);
            List<String> names = store.names();
            if (names.isEmpty()) {
                spec.commandLine().getOut().println("no baselines in " + store.root());
            }
            for (String name : names) {
                var record = RunStore.readRecord(store.root().resolve(name));
                spec.commandLine().getOut().println(name + "  run " + record.spec().runId() + "  bundle "
                        + record.spec().bundle().label() + "  started " + record.spec().startedAt());
            }
            return ExitCode.PASS.code();
        }
    }
}
