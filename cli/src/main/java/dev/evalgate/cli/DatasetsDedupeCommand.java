package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.datasets.tooling.DuplicateFinder;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets dedupe}: finds (and with --write drops) exact and near-duplicate cases. */
@Command(name = "dedupe",
        description = {"Finds cases whose input repeats an earlier case: exact duplicates (same input after"
                + " lowercasing and collapsing spaces) and near-duplicates (Jaccard similarity of word shingles"
                + " at or above --threshold). The first case is kept.",
                "With --write, drops the duplicates from cases.jsonl (kept lines unchanged) and re-pins the"
                        + " manifest; give --version to version the change."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets dedupe corpora/injection",
                "  evalgate datasets dedupe corpora/injection --threshold 0.9 \\",
                "      --write --version 1.0.1",
                "", "Exit codes:", "  0  done", "  1  duplicates found (with --exit-code, without --write)",
                "  2  usage or input error (malformed corpus, bad threshold)", "  4  internal error"})
final class DatasetsDedupeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "CORPUS_DIR")
    Path dir;

    @Option(names = "--threshold", defaultValue = "0.8",
            description = "near-duplicate Jaccard threshold in (0, 1] (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--shingle", defaultValue = "3", description = "words per shingle (default ${DEFAULT-VALUE})")
    int shingle;

    @Option(names = "--write", description = "drop the duplicates and re-pin the manifest")
    boolean write;

    @Option(names = "--version", paramLabel = "V", description = "with --write: the corpus's new version")
    String version;

    @Option(names = "--exit-code", description = "exit 1 when duplicates are found (and not written)")
    boolean exitCode;

    @Override
    public Integer call() {
        DuplicateFinder finder;
        try {
            finder = new DuplicateFinder(threshold, shingle);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, e.getMessage().startsWith("threshold") ? "--threshold"
                    : "--shingle", e.getMessage());
        }
        if (version != null && !write) {
            throw new InvalidInputException(null, 0, "--version", "only applies with --write");
        }
        CorpusLines corpus = CorpusLines.load(dir);
        List<DuplicateFinder.Duplicate> duplicates = finder.find(corpus.cases());
        PrintWriter out = spec.commandLine().getOut();
        long exact = duplicates.stream().filter(d -> d.kind() == DuplicateFinder.Kind.EXACT).count();
        out.printf("%s: %d cases, %d exact duplicate(s), %d near-duplicate(s) (Jaccard >= %.2f over %d-word"
                        + " shingles)%n", dir, corpus.cases().size(), exact, duplicates.size() - exact, threshold,
                shingle);
        for (DuplicateFinder.Duplicate d : duplicates) {
            out.printf("  %s %s duplicates %s (similarity %.3f)%n", d.kind().name().toLowerCase(),
                    TerminalText.printable(d.id()), TerminalText.printable(d.keptId()), d.similarity());
        }
        if (write && !duplicates.isEmpty()) {
            Set<String> drop = new HashSet<>();
            duplicates.forEach(d -> drop.add(d.id()));
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < corpus.cases().size(); i++) {
                if (!drop.contains(corpus.cases().get(i).id())) {
                    kept.add(corpus.lines().get(i));
                }
            }
            CorpusManifest m = corpus.corpus().manifest();
            CorpusManifest written = CorpusWriter.writeLines(dir, new CorpusManifest(m.name(),
                    version == null ? m.version() : version, m.description(), m.license(), m.source(),
                    m.casesFile(), m.casesSha256(), m.tags()), kept, true);
            out.printf("wrote %d cases, sha256 %s%s%n", kept.size(), written.casesSha256(), version == null
                    ? "; the content changed: give the corpus a new version (--version)" : "");
            return ExitCode.PASS.code();
        }
        if (write) {
            out.println("no duplicates; nothing written");
        }
        return exitCode && !duplicates.isEmpty() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
    }
}
