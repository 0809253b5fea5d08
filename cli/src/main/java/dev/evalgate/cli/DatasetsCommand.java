package dev.evalgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.ExitCode;

@Command(name = "datasets",
        description = "Checks and freezes corpus directories (manifest.yaml + cases.jsonl).",
        mixinStandardHelpOptions = true,
        subcommands = {DatasetsCommand.Validate.class, DatasetsCommand.Freeze.class, DatasetsCommand.Stats.class})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks every line of each corpus and the manifest's pinned sha256; exit 2 on the first "
                    + "mistake, naming file, line and field.",
            footerHeading = "%nExample:%n", footer = "  evalgate datasets validate examples/quickstart/corpus")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
        List<Path> corpora;

        @Override
        public Integer call() {
            for (Path dir : corpora) {
                Corpus corpus = CorpusLoader.verifying().load(dir);
                spec.commandLine().getOut().printf("%s: %s %s, %d cases, sha256 %s: ok%n", dir, corpus.name(),
                        corpus.version(), corpus.cases().size(), corpus.sha256());
            }
            return ExitCode.PASS.code();
        }
    }

    @Command(name = "freeze", mixinStandardHelpOptions = true,
            description = "Writes the sha256 of the cases file into manifest.yaml after checking every line. Run it "
                    + "after an intended change, together with a new version.",
            footerHeading = "%nExample:%n", footer = "  evalgate datasets freeze examples/quickstart/corpus")
    static final class Freeze implements Callable<Integer> {
        private static final Pattern SHA_LINE = Pattern.compile("(?m)^sha256:.*$");

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
        List<Path> corpora;

        @Override
        public Integer call() {
            for (Path dir : corpora) {
                Path manifestFile = dir.resolve(CorpusLoader.MANIFEST_FILE);
                CorpusManifest manifest = CorpusLoader.readManifest(manifestFile);
                Path casesFile = dir.resolve(manifest.casesFile());
                CorpusLoader.readCases(casesFile);
                String sha = ContentHash.sha256(casesFile);
                try {
                    String text = Files.readString(manifestFile, StandardCharsets.UTF_8);
                    Matcher m = SHA_LINE.matcher(text);
                    if (!m.find()) {
                        throw new InvalidInputException(manifestFile, 0, "sha256",
                                "write the sha256 field as a top-level line 'sha256: ...' so freeze can update it");
                    }
                    Files.writeString(manifestFile, m.replaceFirst("sha256: " + sha), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                spec.commandLine().getOut().printf("%s: sha256 %s%s%n", dir, sha,
                        sha.equals(manifest.casesSha256()) ? " (unchanged)" : " (was " + manifest.casesSha256() + ")");
            }
            return ExitCode.PASS.code();
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Counts cases by tag and shows the input variables and expected fields in use.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
        List<Path> corpora;

        @Override
        public Integer call() {
            for (Path dir : corpora) {
                Corpus corpus = CorpusLoader.verifying().load(dir);
                Map<String, Integer> tags = new TreeMap<>();
                Map<String, Integer> inputs = new TreeMap<>();
                Map<String, Integer> expected = new TreeMap<>();
                for (EvalCase c : corpus.cases()) {
                    c.tags().forEach(t -> tags.merge(t, 1, Integer::sum));
                    c.input().keySet().forEach(k -> inputs.merge(k, 1, Integer::sum));
                    c.expected().keySet().forEach(k -> expected.merge(k, 1, Integer::sum));
                }
                var out = spec.commandLine().getOut();
                out.printf("%s %s (%s): %d cases%n  tags: %s%n  input variables: %s%n  expected fields: %s%n",
                        corpus.name(), corpus.version(), dir, corpus.cases().size(), tags, inputs, expected);
            }
            return ExitCode.PASS.code();
        }
    }
}
