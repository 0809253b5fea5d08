package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets stats}: counts cases by tag, input variable and expected field. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts cases by tag and shows the input variables and expected fields in use.",
        footerHeading = "%nExample:%n", footer = "  evalgate datasets stats corpora/ifeval corpora/truthfulqa")
final class DatasetsStatsCommand implements Callable<Integer> {
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
