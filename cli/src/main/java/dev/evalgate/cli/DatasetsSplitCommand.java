package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.tooling.CorpusSplitter;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets split}: disjoint, seeded, stable splits of a corpus, one corpus per split. */
@Command(name = "split",
        description = {"Splits a corpus into disjoint corpora, one per split, written to OUT/NAME as CORPUS-NAME"
                + " with the corpus's version and the split recorded in each manifest's lineage.",
                "A case goes to the split its sha256(seed, id) falls in, so the same seed always gives the same"
                        + " splits, adding or editing cases moves no existing case, and no id is in two splits."
                        + " Every tag is divided in the given proportions in expectation; the counts per tag are"
                        + " printed, so a small tag that missed a split shows."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets split corpora/historical --splits train=0.8,test=0.2 \\",
                "      --seed 7 --out splits/historical",
                "  evalgate datasets split corpora/truthfulqa --splits dev=0.5,test=0.5 \\",
                "      --seed 1 --by-tag=category: --out splits/truthfulqa",
                "", "Exit codes:", "  0  splits written",
                "  2  usage or input error (malformed corpus, fractions that do not add up to 1,",
                "     a split with no case, --out already holds a split)", "  4  internal error"})
final class DatasetsSplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "CORPUS_DIR")
    Path dir;

    @Option(names = "--splits", required = true, paramLabel = "NAME=FRACTION,...",
            description = "the splits and their shares, adding up to 1, e.g. train=0.8,dev=0.1,test=0.1")
    String splits;

    @Option(names = "--seed", required = true, description = "seed of the assignment")
    long seed;

    @Option(names = "--by-tag", arity = "0..1", fallbackValue = "", defaultValue = "", paramLabel = "PREFIX",
            description = "count the strata by the tags that start with PREFIX (default: all tags)")
    String byTag;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the split corpora")
    Path out;

    @Option(names = "--force", description = "replace split corpora already in --out")
    boolean force;

    @Override
    public Integer call() {
        List<CorpusSplitter.Split> parsed;
        try {
            parsed = CorpusSplitter.Split.parseAll(splits);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--splits", e.getMessage());
        }
        for (CorpusSplitter.Split split : parsed) {
            if (out.resolve(split.name()).toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                throw new InvalidInputException(out, 0, "--out", "split '" + split.name() + "' would replace the"
                        + " corpus being split; write the splits elsewhere");
            }
        }
        CorpusSplitter.Result result = CorpusSplitter.split(dir, parsed, seed, byTag, out, force);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: %d cases split with seed %d%n", dir, result.cases(), seed);
        for (Map.Entry<String, CorpusManifest> entry : result.manifests().entrySet()) {
            CorpusManifest m = entry.getValue();
            o.printf("  %s: %s %s, %d cases, sha256 %s%n", out.resolve(entry.getKey()),
                    TerminalText.printable(m.name()), TerminalText.printable(m.version()),
                    ((Number) m.lineage().last().orElseThrow().parameters().get("cases")).intValue(),
                    m.casesSha256());
        }
        o.println("  cases per tag:");
        for (Map.Entry<String, Map<String, Integer>> stratum : result.strata().entrySet()) {
            StringBuilder line = new StringBuilder();
            int total = stratum.getValue().values().stream().mapToInt(Integer::intValue).sum();
            for (CorpusSplitter.Split split : parsed) {
                line.append(line.length() == 0 ? "" : ", ").append(split.name()).append(' ')
                        .append(stratum.getValue().getOrDefault(split.name(), 0));
            }
            boolean missed = parsed.stream().anyMatch(s -> !stratum.getValue().containsKey(s.name()));
            o.printf("    %s (%d): %s%s%n", TerminalText.printable(stratum.getKey()), total, line,
                    missed ? "  (no case in some split)" : "");
        }
        return ExitCode.PASS.code();
    }
}
