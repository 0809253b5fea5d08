package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.tooling.CorpusRecordsCheck;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets validate}: checks corpora line by line and against their pinned sha256. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks every line of each corpus, the manifest's pinned sha256, that the last lineage step"
                + " names this corpus version and that case-fingerprints.tsv lists the cases as they are; exit 2 on"
                + " the first mistake, naming file, line and field.",
        footerHeading = "%nExample:%n", footer = "  evalgate datasets validate examples/quickstart/corpus")
final class DatasetsValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> corpora;

    @Override
    public Integer call() {
        for (Path dir : corpora) {
            // streamed: a corpus of a million cases is checked without holding its cases
            int[] cases = {0};
            CorpusManifest manifest = CorpusLoader.readManifest(dir.resolve(CorpusLoader.MANIFEST_FILE));
            CorpusManifest corpus;
            try (CorpusRecordsCheck records = CorpusRecordsCheck.open(dir, manifest)) {
                corpus = CorpusLoader.verifying().stream(dir, (line, text, evalCase) -> {
                    cases[0]++;
                    records.next(evalCase);
                });
                records.finish();
            }
            spec.commandLine().getOut().printf("%s: %s %s, %d cases, sha256 %s: ok%s%n", dir, corpus.name(),
                    corpus.version(), cases[0], corpus.casesSha256(), corpus.lineage().isEmpty() ? ""
                            : " (lineage: " + corpus.lineage().steps().size() + " step(s), last "
                            + corpus.lineage().last().orElseThrow().operation() + ")");
        }
        return ExitCode.PASS.code();
    }
}
