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

import dev.evalgate.datasets.tooling.Changelog;
import dev.evalgate.datasets.tooling.CorpusFreezer;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets freeze}: pins the sha256 of a corpus's cases, under a new version when they changed. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = {"Writes the sha256 of the cases file into manifest.yaml after checking every line.",
            "Changed cases need a new version, so a baseline of the old version is never compared with them: "
                    + "give --bump or --new-version, or freeze refuses (exit 2). A freeze of changed cases adds a"
                    + " freeze step to the manifest's lineage and appends the case ids added, removed and changed"
                    + " to changelog.jsonl."},
        footerHeading = "%nExamples:%n", footer = {"  evalgate datasets freeze examples/quickstart/corpus",
            "  evalgate datasets freeze corpora/support --bump minor"})
final class DatasetsFreezeCommand implements Callable<Integer> {
    /** Ids listed per group in the output; the changelog keeps all of them. */
    private static final int LISTED = 20;

    @Option(names = "--bump", paramLabel = "LEVEL", description = "When the cases changed, raise the "
            + "manifest's version: patch, minor or major (semantic versions such as 1.2.3).")
    String bump;

    @Option(names = "--new-version", paramLabel = "V", description = "When the cases changed, set the manifest's "
            + "version to V.")
    String newVersion;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> corpora;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Path dir : corpora) {
            CorpusFreezer.Result result = CorpusFreezer.freeze(dir, new CorpusFreezer.NewVersion(bump, newVersion));
            out.printf("%s: sha256 %s%s%n", dir, result.sha256(), switch (result.status()) {
                case PINNED -> " (pinned)";
                case UNCHANGED -> " (unchanged)";
                case CHANGED -> " (was " + result.previousSha256() + "), version " + result.previousVersion()
                        + " -> " + result.version();
            });
            result.change().ifPresent(change -> printChange(out, change));
        }
        return ExitCode.PASS.code();
    }

    private static void printChange(PrintWriter out, Changelog.Entry change) {
        if (!change.known()) {
            out.println("  changelog: which cases changed is unknown (the previous version has no case index;"
                    + " the next freeze will know)");
            return;
        }
        out.printf("  changelog: %d added, %d removed, %d changed (%s)%n", change.added().size(),
                change.removed().size(), change.changed().size(), Changelog.FILE);
        list(out, "added", change.added());
        list(out, "removed", change.removed());
        list(out, "changed", change.changed());
    }

    private static void list(PrintWriter out, String label, List<String> ids) {
        ids.stream().limit(LISTED).forEach(id -> out.printf("    %s %s%n", label, TerminalText.printable(id)));
        if (ids.size() > LISTED) {
            out.printf("    ... and %d more %s%n", ids.size() - LISTED, label);
        }
    }
}
