package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.pipeline.Pipeline;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the runs of the shards of one evaluation ('run --shard i/n') into a single run, with its "
                + "reports. Refuses shards that evaluated different bundles, corpora, scorers or models, shards "
                + "that overlap, and unfinished shards."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate merge shards/* --out runs/merged",
                "  evalgate gate runs/merged --baseline main"})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "The shard runs.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged run directory to create.")
    Path out;

    @Override
    public Integer call() {
        RunResult merged = Pipeline.load().merge(shards, out).run();
        RunSummaryPrinter.print(merged, spec.commandLine().getOut());
        return ExitCode.PASS.code();
    }
}
