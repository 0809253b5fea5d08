package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.tooling.CorpusDiff;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets diff}: the case ids added, removed and changed between two corpus versions. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Lists the case ids added, removed and changed between two versions of a corpus. A case"
                + " is changed when its content hash (input, expected, tags) differs; metadata is ignored.",
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets diff corpora-1.0/injection corpora/injection",
                "  evalgate datasets diff --exit-code old new   # exit 1 when they differ, for CI",
                "", "Exit codes:", "  0  compared (identical, or different without --exit-code)",
                "  1  the corpora differ (with --exit-code)", "  2  usage or input error (malformed corpus)",
                "  4  internal error"})
final class DatasetsDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD")
    Path olderDir;

    @Parameters(index = "1", paramLabel = "NEW")
    Path newerDir;

    @Option(names = "--exit-code", description = "exit 1 when the corpora differ")
    boolean exitCode;

    @Option(names = "--max-ids", defaultValue = "50",
            description = "ids listed per group (default ${DEFAULT-VALUE})")
    int maxIds;

    @Override
    public Integer call() {
        Corpus older = CorpusLoader.verifying().load(olderDir);
        Corpus newer = CorpusLoader.verifying().load(newerDir);
        CorpusDiff diff = CorpusDiff.between(older, newer);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s -> %s %s: %d added, %d removed, %d changed, %d unchanged%n",
                TerminalText.printable(older.name()), TerminalText.printable(older.version()), TerminalText.printable(newer.name()),
                TerminalText.printable(newer.version()), diff.added().size(), diff.removed().size(), diff.changed().size(),
                diff.unchanged());
        list(out, "added", diff.added());
        list(out, "removed", diff.removed());
        list(out, "changed", diff.changed().stream()
                .map(c -> c.id() + " (" + String.join(", ", c.parts()) + ")").toList());
        if (!diff.identical() && older.version().equals(newer.version())) {
            out.println("note: the content changed but both manifests say version " + TerminalText.printable(newer.version())
                    + "; give the new corpus a new version so baselines are not compared across it");
        }
        return exitCode && !diff.identical() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
    }

    private void list(PrintWriter out, String label, List<String> ids) {
        for (int i = 0; i < ids.size() && i < maxIds; i++) {
            out.printf("  %s %s%n", label, TerminalText.printable(ids.get(i)));
        }
        if (ids.size() > maxIds) {
            out.printf("  ... and %d more %s%n", ids.size() - maxIds, label);
        }
    }
}
