package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.datasets.tooling.StratifiedSampler;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets sample}: a reproducible, optionally stratified sample of a corpus. */
@Command(name = "sample",
        description = {"Writes a reproducible sample of a corpus into a new corpus directory: the same corpus,"
                + " --n and --seed always give the same cases, in corpus order.",
                "With --by-tag the sample is stratified by each case's set of tags, keeping tag proportions as"
                        + " closely as whole numbers allow.",
                "With --from-runs RUN_DIR..., the sample is a review corpus of the cases those runs flag (--pick):"
                        + " failed in the latest run that has them, flipped between runs or between repeats, or"
                        + " regressed (passed in --baseline RUN_DIR, fail in the latest run). Each case records why in"
                        + " metadata.sampled_from_runs; --n and --seed then draw a seeded subset of them.",
                "The new manifest's lineage records the parent corpus and how the sample was drawn."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets sample corpora/truthfulqa --n 100 --seed 7 \\",
                "      --by-tag=category: --out smoke/truthfulqa",
                "  evalgate datasets sample corpora/injection --n 60 --seed 7 --by-tag \\",
                "      --out smoke/injection",
                "  evalgate datasets sample corpora/ifeval --n 50 --seed 1 \\",
                "      --out smoke/ifeval --version 1.0.0-smoke",
                "  evalgate datasets sample corpora/historical --from-runs runs/RUN_A runs/RUN_B \\",
                "      --pick failed,flipped --out review/historical",
                "  evalgate datasets sample corpora/historical --from-runs runs/RUN_B \\",
                "      --pick regressed --baseline examples/historical/baselines/main --out review/regressed",
                "", "Exit codes:", "  0  sample written",
                "  2  usage or input error (malformed corpus, --n < 1,",
                "     --out already holds a corpus)", "  4  internal error"})
final class DatasetsSampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "CORPUS_DIR")
    Path dir;

    @Option(names = "--n", description = "number of cases to draw (required without --from-runs)")
    Integer n;

    @Option(names = "--seed", description = "random seed (required with --n)")
    Long seed;

    @Option(names = "--from-runs", arity = "1..*", paramLabel = "RUN_DIR",
            description = "sample the cases these runs flag instead of at random")
    List<Path> fromRuns;

    @Option(names = "--pick", split = ",", paramLabel = "REASON", defaultValue = "failed,flipped,regressed",
            description = "with --from-runs: failed, flipped, regressed (default: all three)")
    List<String> pick;

    @Option(names = "--baseline", paramLabel = "RUN_DIR", description = "with --from-runs: the run 'regressed' is"
            + " measured against (a run directory, such as a promoted baseline)")
    Path baseline;

    @Option(names = "--by-tag", arity = "0..1", fallbackValue = "", paramLabel = "PREFIX",
            description = "stratify by each case's set of tags; with =PREFIX only by the tags that start with"
                    + " it (e.g. --by-tag=category:)")
    String byTag;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
    Path out;

    @Option(names = "--name", description = "name of the sample corpus (default: the corpus's name)")
    String name;

    @Option(names = "--version", paramLabel = "V",
            description = "version of the sample (default: VERSION-sample-nN-seedS)")
    String version;

    @Option(names = "--force", description = "replace a corpus already in --out")
    boolean force;

    @Override
    public Integer call() {
        if (n == null && fromRuns == null) {
            throw new InvalidInputException(null, 0, "--n", "give the number of cases to draw (--n N --seed S), or"
                    + " --from-runs RUN_DIR...");
        }
        if (n != null && n < 1) {
            throw new InvalidInputException(null, 0, "--n", "must be at least 1, was " + n);
        }
        if (n != null && seed == null) {
            throw new InvalidInputException(null, 0, "--seed", "--n draws at random: give --seed S so the sample"
                    + " can be drawn again");
        }
        if (fromRuns == null && baseline != null) {
            throw new InvalidInputException(null, 0, "--baseline", "only applies with --from-runs");
        }
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            // With --force this would replace the source corpus by its own sample.
            throw new InvalidInputException(out, 0, "--out", "is the corpus being sampled; write the sample to "
                    + "another directory");
        }
        CorpusLines corpus = CorpusLines.load(dir);
        if (fromRuns != null) {
            return new RunSample(spec.commandLine().getOut(), corpus, fromRuns, FlaggedCases.Reason.parse(pick),
                    baseline).write(n, seed, byTag, out, name, version, force);
        }
        List<Integer> chosen = StratifiedSampler.sample(corpus.cases(), n, seed, byTag);
        boolean stratified = byTag != null;
        List<String> lines = chosen.stream().map(i -> corpus.lines().get(i)).toList();
        CorpusManifest m = corpus.corpus().manifest();
        String sampleVersion = version != null ? version : m.version() + "-sample-n" + n + "-seed" + seed;
        String description = "Seeded sample (" + chosen.size() + " of " + corpus.cases().size() + " cases, seed "
                + seed + (stratified ? ", stratified by tag" + (byTag.isEmpty() ? "" : " prefix '" + byTag + "'")
                : "") + ") of " + m.name() + " " + m.version()
                + " (cases sha256 " + m.casesSha256() + ")." + (m.description().isBlank() ? ""
                : "\n\n" + m.description());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("n", n);
        parameters.put("seed", seed);
        if (stratified) {
            parameters.put("by_tag", byTag);
        }
        CorpusManifest written;
        try {
            written = CorpusWriter.writeLines(out, new CorpusManifest(name == null ? m.name() : name,
                    sampleVersion, description, m.license(), m.source(), CorpusManifest.DEFAULT_CASES_FILE,
                    m.casesSha256(), m.tags(), Lineage.derive(Operations.SAMPLE, parameters, List.of(m))), lines,
                    force);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--name", e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: %s %s, %d of %d cases, sha256 %s%n", out, TerminalText.printable(written.name()),
                TerminalText.printable(written.version()), chosen.size(), corpus.cases().size(), written.casesSha256());
        if (stratified) {
            Map<String, int[]> strata = new TreeMap<>();
            for (int i = 0; i < corpus.cases().size(); i++) {
                strata.computeIfAbsent(StratifiedSampler.stratum(corpus.cases().get(i), byTag),
                        k -> new int[2])[0]++;
            }
            chosen.forEach(i -> strata.get(StratifiedSampler.stratum(corpus.cases().get(i), byTag))[1]++);
            strata.forEach((k, v) -> o.printf("  %s: %d of %d%n", TerminalText.printable(k), v[1], v[0]));
        }
        return ExitCode.PASS.code();
    }
}
