package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CrossCorpusDuplicates;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.datasets.tooling.DuplicateFinder;
import dev.evalgate.engine.ExitCode;

/**
 * {@code evalgate datasets dedupe}: finds (and with --write drops) exact and near-duplicate cases within a corpus,
 * or, given several corpora, the cases of one that repeat a case of another.
 */
@Command(name = "dedupe",
        description = {"Finds cases whose input repeats an earlier case: exact duplicates (same input after"
                + " lowercasing and collapsing spaces) and near-duplicates (Jaccard similarity of word shingles"
                + " at or above --threshold). The first case is kept.",
                "With --write, drops the duplicates from cases.jsonl (kept lines unchanged), re-pins the"
                        + " manifest and records a dedupe step in its lineage; give --version to version the change.",
                "Given several corpora, reports each case of a later corpus that repeats a case of an earlier one"
                        + " (a smoke tier that holds an attack of the adversarial set); duplicates within one corpus"
                        + " are left to a run on that corpus alone.",
                "--input-var compares only the named input variables, for corpora whose cases share a long"
                        + " instruction."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets dedupe corpora/injection",
                "  evalgate datasets dedupe corpora/injection --threshold 0.9 \\",
                "      --write --version 1.0.1",
                "  evalgate datasets dedupe corpora/injection examples/quickstart/corpus --exit-code",
                "  evalgate datasets dedupe examples/quickstart/corpus corpora/historical \\",
                "      --input-var question --input-var text",
                "", "Exit codes:", "  0  done", "  1  duplicates found (with --exit-code, without --write)",
                "  2  usage or input error (malformed corpus, bad threshold)", "  4  internal error"})
final class DatasetsDedupeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> dirs;

    @Option(names = "--input-var", paramLabel = "NAME", description = "compare only this input variable"
            + " (repeatable; default: the whole input)")
    List<String> inputVars = new ArrayList<>();

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
            finder = new DuplicateFinder(threshold, shingle, inputVars);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, e.getMessage().startsWith("threshold") ? "--threshold"
                    : "--shingle", e.getMessage());
        }
        if (version != null && !write) {
            throw new InvalidInputException(null, 0, "--version", "only applies with --write");
        }
        if (dirs.size() > 1) {
            if (write) {
                throw new InvalidInputException(null, 0, "--write", "drops duplicates from one corpus; across"
                        + " several corpora, decide which copy to keep and run dedupe --write on that corpus, or edit"
                        + " it and freeze it under a new version");
            }
            return across();
        }
        Path dir = dirs.get(0);
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
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("threshold", threshold);
            parameters.put("shingle", shingle);
            if (!inputVars.isEmpty()) {
                parameters.put("input_vars", List.copyOf(inputVars));
            }
            parameters.put("dropped", duplicates.size());
            CorpusManifest written = CorpusWriter.writeLines(dir, new CorpusManifest(m.name(),
                    version == null ? m.version() : version, m.description(), m.license(), m.source(),
                    m.casesFile(), m.casesSha256(), m.tags(), Lineage.derive(Operations.DEDUPE, parameters,
                    List.of(m))), kept, true);
            out.printf("wrote %d cases, sha256 %s%s%n", kept.size(), written.casesSha256(), version == null
                    ? "; the content changed: give the corpus a new version (--version)" : "");
            return ExitCode.PASS.code();
        }
        if (write) {
            out.println("no duplicates; nothing written");
        }
        return exitCode && !duplicates.isEmpty() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
    }

    /** Cases of each corpus that repeat a case of a corpus named before it. */
    private int across() {
        List<Corpus> corpora = new ArrayList<>();
        for (Path d : dirs) {
            corpora.add(CorpusLoader.verifying().load(d));
        }
        CrossCorpusDuplicates.Report report = new CrossCorpusDuplicates(threshold, shingle, inputVars).find(corpora);
        PrintWriter out = spec.commandLine().getOut();
        long exact = report.matches().stream().filter(m -> m.kind() == DuplicateFinder.Kind.EXACT).count();
        out.printf("%d corpora, %d cases compared%s: %d exact duplicate(s), %d near-duplicate(s) across corpora"
                        + " (Jaccard >= %.2f over %d-word shingles%s)%n", corpora.size(), report.compared(),
                report.skipped() == 0 ? "" : " (" + report.skipped() + " without " + String.join(", ", inputVars)
                        + " left out)", exact, report.matches().size() - exact, threshold, shingle,
                inputVars.isEmpty() ? "" : " of " + String.join(", ", inputVars));
        for (CrossCorpusDuplicates.Match m : report.matches()) {
            out.printf("  %s %s: %s duplicates %s: %s (similarity %.3f)%n", m.kind().name().toLowerCase(),
                    dirs.get(m.corpus()), TerminalText.printable(m.id()), dirs.get(m.otherCorpus()),
                    TerminalText.printable(m.otherId()), m.similarity());
        }
        return exitCode && !report.matches().isEmpty() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
    }
}
