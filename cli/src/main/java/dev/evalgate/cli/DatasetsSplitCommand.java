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
                        + " splits and no id is in two splits. Each tag stratum (the case's tags, or those starting"
                        + " with --by-tag's prefix) is divided by the same thresholds; its counts per split are"
                        + " printed with the realised and the asked share.",
                "Stability comes first: by default every case goes where its hash puts it, so adding or editing cases"
                        + " never moves an old case, and per-tag shares hold in expectation (a small stratum may miss"
                        + " a split; the table says so).",
                "--fill-small-strata: a split owed at least one case of a stratum (stratum size x fraction >= 1)"
                        + " that the hash left without one gets the stratum's case whose hash lies nearest the"
                        + " split's range, if that case's split can spare it. Such moves are listed and recorded in"
                        + " the lineage, and such a case may return to its hash split when its stratum grows: no rule"
                        + " can both never move an old case and promise a small stratum every split."},
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
            description = "strata by the tags that start with PREFIX (default: all tags)")
    String byTag;

    @Option(names = "--fill-small-strata", description = "give a small stratum a case in every split it is owed,"
            + " moving the case nearest that split (a moved case may move back as its stratum grows)")
    boolean fillSmallStrata;

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
        CorpusSplitter.Result result = CorpusSplitter.split(dir, parsed, seed, byTag, out, force, fillSmallStrata);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: %d cases split with seed %d%n", dir, result.cases(), seed);
        for (CorpusSplitter.Split split : parsed) {
            CorpusManifest m = result.manifests().get(split.name());
            int cases = ((Number) m.lineage().last().orElseThrow().parameters().get("cases")).intValue();
            o.printf("  %s: %s %s, %d cases (%s of %s asked), sha256 %s%n", out.resolve(split.name()),
                    TerminalText.printable(m.name()), TerminalText.printable(m.version()), cases,
                    percent(cases, result.cases()), percent(split.fraction()), m.casesSha256());
        }
        o.println("  cases per tag (realised share / asked):");
        for (Map.Entry<String, Map<String, Integer>> stratum : result.strata().entrySet()) {
            StringBuilder line = new StringBuilder();
            int total = stratum.getValue().values().stream().mapToInt(Integer::intValue).sum();
            for (CorpusSplitter.Split split : parsed) {
                int n = stratum.getValue().getOrDefault(split.name(), 0);
                line.append(line.length() == 0 ? "" : ", ").append(split.name()).append(' ').append(n)
                        .append(" (").append(percent(n, total)).append('/').append(percent(split.fraction()))
                        .append(')');
            }
            boolean missed = parsed.stream().anyMatch(s -> !stratum.getValue().containsKey(s.name()));
            o.printf("    %s (%d): %s%s%n", TerminalText.printable(stratum.getKey()), total, line,
                    missed ? (fillSmallStrata ? "  (no case in some split)" : "  (no case in some split; --fill-small-strata places one)") : "");
        }
        if (!result.filled().isEmpty()) {
            o.printf("  moved to fill small strata (%d):%n", result.filled().size());
            result.filled().forEach((id, split) -> o.printf("    %s -> %s%n", TerminalText.printable(id), split));
        }
        for (String missed : result.unfilled()) {
            o.printf("  not filled (no case to spare): %s%n", TerminalText.printable(missed));
        }
        return ExitCode.PASS.code();
    }

    private static String percent(int part, int whole) {
        return percent(whole == 0 ? 0 : (double) part / whole);
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }
}
