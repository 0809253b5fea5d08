package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.history.HistoryImport;
import dev.evalgate.history.HistoryLocation;
import dev.evalgate.history.HistoryStore;

@Command(name = "import",
        description = {"Backfills the history from run directories already on disk. Runs already recorded are "
                + "skipped, so it can be repeated; the run directories are only read."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate history import runs/",
                "  evalgate history import runs/20261125-101500-assistant-1a2b",
                "  evalgate history import runs/ --history jdbc:postgresql://ci-db/evalgate?user=ci"})
public final class HistoryImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory of run directories, or one run directory.")
    Path directory;

    @Option(names = "--history", paramLabel = "FILE|JDBC_URL", description = "The history to fill: an SQLite file "
            + "or jdbc:postgresql://HOST/DB (default: $EVALGATE_HISTORY, else ~/.local/share/evalgate/history.db).")
    String location;

    @Override
    public Integer call() {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, 0, "DIR", "not a directory");
        }
        HistoryLocation where = HistoryLocation.resolve(location, null).orElseThrow(() -> new InvalidInputException(null, 0, "--history", "history is 'off'; give "
                        + "the history to fill"));
        PrintWriter out = spec.commandLine().getOut();
        try (HistoryStore store = HistoryStore.open(where)) {
            HistoryImport.Outcome outcome = new HistoryImport(store).importRuns(directory);
            out.println("imported " + outcome.imported().size() + " runs into " + where + ", skipped "
                    + outcome.skipped().size() + " already recorded");
            outcome.problems().forEach(p -> spec.commandLine().getErr().println("warning: not imported: " + p));
        }
        return 0;
    }
}
