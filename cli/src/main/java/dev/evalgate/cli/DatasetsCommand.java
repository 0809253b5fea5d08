package dev.evalgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code evalgate datasets}: the corpus tools, one class per subcommand. */
@Command(name = "datasets",
        description = "Imports, checks, freezes, compares, deduplicates and samples corpus directories"
                + " (manifest.yaml + cases.jsonl).",
        mixinStandardHelpOptions = true,
        subcommands = {
                DatasetsValidateCommand.class,
                DatasetsFreezeCommand.class,
                DatasetsStatsCommand.class,
                DatasetsImportCommand.class,
                DatasetsDiffCommand.class,
                DatasetsDedupeCommand.class,
                DatasetsSampleCommand.class,
                DatasetsReviewCommand.class,
                DatasetsScanCommand.class,
                DatasetsRedactCommand.class,
                DatasetsSplitCommand.class,
                DatasetsLogCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets validate examples/quickstart/corpus",
                "  evalgate datasets freeze examples/quickstart/corpus",
                "  evalgate datasets sample corpora/injection --n 60 --seed 7 --by-tag --out smoke/injection"})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
