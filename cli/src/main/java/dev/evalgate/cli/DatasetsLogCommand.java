package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.lineage.CorpusRef;
import dev.evalgate.datasets.lineage.LineageStep;
import dev.evalgate.datasets.tooling.Changelog;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets log}: the lineage of a corpus, newest step first. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Prints how a corpus came to be, from its manifest's lineage: each step (import, split,"
                + " sample, dedupe, redact, freeze, ...) with the corpus version it produced, the versions it was"
                + " made from and its parameters, newest first; for a freeze, the case ids it changed.",
                "A corpus written by hand or before lineage was recorded has no steps."},
        footerHeading = "%nExample:%n", footer = "  evalgate datasets log corpora/historical")
final class DatasetsLogCommand implements Callable<Integer> {
    /** Ids shown per freeze; changelog.jsonl holds all of them. */
    private static final int LISTED = 10;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> corpora;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Path dir : corpora) {
            CorpusManifest manifest = CorpusLoader.readManifest(dir.resolve(CorpusLoader.MANIFEST_FILE));
            out.printf("%s: %s%n", dir, printable(manifest.ref()));
            if (manifest.lineage().isEmpty()) {
                out.println("  no lineage recorded (written by hand, or before evalgate recorded lineage)");
                continue;
            }
            List<Changelog.Entry> changelog = Changelog.read(dir);
            List<LineageStep> steps = new ArrayList<>(manifest.lineage().steps());
            java.util.Collections.reverse(steps);
            for (LineageStep step : steps) {
                out.printf("  %-7s %s%n", step.operation(), printable(step.corpus()));
                for (CorpusRef parent : step.parents()) {
                    out.printf("          from %s%n", printable(parent));
                }
                for (Map.Entry<String, Object> parameter : step.parameters().entrySet()) {
                    out.printf("          %s: %s%n", TerminalText.printable(parameter.getKey()),
                            TerminalText.printable(abbreviate(String.valueOf(parameter.getValue()))));
                }
                changelog.stream().filter(e -> e.sha256().equals(step.corpus().sha256())
                        && e.version().equals(step.corpus().version())).findFirst()
                        .filter(Changelog.Entry::known).ifPresent(e -> {
                            list(out, "added", e.added());
                            list(out, "removed", e.removed());
                            list(out, "changed", e.changed());
                        });
            }
        }
        return ExitCode.PASS.code();
    }

    private static String printable(CorpusRef ref) {
        return TerminalText.printable(ref.describe());
    }

    private static void list(PrintWriter out, String label, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> shown = ids.stream().limit(LISTED).map(TerminalText::printable).toList();
        out.printf("          %s (%d): %s%s%n", label, ids.size(), String.join(", ", shown),
                ids.size() > LISTED ? ", ..." : "");
    }

    /** Parameters may hold long lists (ids of a dedupe); the log shows their start. */
    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
