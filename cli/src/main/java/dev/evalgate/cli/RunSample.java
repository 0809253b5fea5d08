package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.datasets.tooling.StratifiedSampler;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;

/**
 * {@code datasets sample --from-runs}: a review corpus of the cases recent runs flag, each case keeping its content
 * and recording in {@code metadata.sampled_from_runs} why it was picked and in which run.
 */
final class RunSample {
    private final PrintWriter out;
    private final CorpusLines corpus;
    private final List<Path> runDirs;
    private final Set<FlaggedCases.Reason> wanted;
    private final Path baselineDir;

    RunSample(PrintWriter out, CorpusLines corpus, List<Path> runDirs, Set<FlaggedCases.Reason> wanted,
              Path baselineDir) {
        this.out = out;
        this.corpus = corpus;
        this.runDirs = List.copyOf(runDirs);
        this.wanted = wanted;
        this.baselineDir = baselineDir;
    }

    int write(Integer n, Long seed, String byTag, Path outDir, String name, String version, boolean force) {
        if (wanted.contains(FlaggedCases.Reason.REGRESSED) && baselineDir == null
                && wanted.size() == 1) {
            throw new InvalidInputException(null, 0, "--baseline", "--pick regressed needs the run to measure"
                    + " against: --baseline RUN_DIR");
        }
        List<RunResult> runs = FlaggedCases.read(runDirs);
        RunResult baseline = baselineDir == null ? null : RunStore.read(baselineDir);
        CorpusManifest m = corpus.corpus().manifest();
        List<RunResult> ofCorpus = runs.stream().filter(r -> r.spec().corpora().stream()
                .anyMatch(c -> c.name().equals(m.name()))).toList();
        if (ofCorpus.isEmpty()) {
            throw new InvalidInputException(runDirs.get(0), 0, "--from-runs", "none of the runs evaluated a corpus"
                    + " named '" + m.name() + "'");
        }
        for (RunResult run : ofCorpus) {
            run.spec().corpora().stream().filter(c -> c.name().equals(m.name()) && !c.sha256().equals(m.casesSha256()))
                    .findFirst().ifPresent(c -> out.printf("note: run %s evaluated %s %s (sha256 %s); the sample"
                            + " takes the cases of %s %s%n", TerminalText.printable(run.spec().runId()), c.name(),
                            c.version(), c.sha256(), m.name(), m.version()));
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < corpus.cases().size(); i++) {
            position.put(corpus.cases().get(i).id(), i);
        }
        String latestRun = ofCorpus.get(ofCorpus.size() - 1).spec().runId();
        List<EvalCase> picked = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        Map<FlaggedCases.Reason, Integer> counts = new EnumMap<>(FlaggedCases.Reason.class);
        int gone = 0;
        for (FlaggedCases.Flagged flagged : FlaggedCases.pick(ofCorpus, baseline, wanted)) {
            if (!flagged.corpus().equals(m.name()) && !flagged.corpus().isEmpty()) {
                continue;
            }
            Integer at = position.get(flagged.caseId());
            if (at == null) {
                gone++;
                continue;
            }
            EvalCase c = corpus.cases().get(at);
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("reasons", flagged.reasons().stream().sorted().map(FlaggedCases.Reason::label).toList());
            why.put("latest_run", latestRun);
            Map<String, Object> metadata = new LinkedHashMap<>(c.metadata());
            metadata.put("sampled_from_runs", why);
            picked.add(new EvalCase(c.id(), c.input(), c.expected(), c.tags(), metadata));
            order.add(at);
            flagged.reasons().forEach(r -> counts.merge(r, 1, Integer::sum));
        }
        if (picked.isEmpty()) {
            out.printf("no case of %s was %s in %d run(s); nothing written%n", TerminalText.printable(m.name()),
                    String.join(" or ", wanted.stream().sorted().map(FlaggedCases.Reason::label).toList()),
                    ofCorpus.size());
            return ExitCode.PASS.code();
        }
        // corpus order, so the review corpus reads like its parent
        List<Integer> byPosition = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            byPosition.add(i);
        }
        byPosition.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
        List<EvalCase> cases = byPosition.stream().map(picked::get).toList();
        int flaggedCount = cases.size();
        if (n != null) {
            List<Integer> chosen = StratifiedSampler.sample(cases, n, seed, byTag);
            cases = chosen.stream().map(cases::get).toList();
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from_runs", ofCorpus.stream().map(r -> r.spec().runId()).toList());
        parameters.put("pick", wanted.stream().sorted().map(FlaggedCases.Reason::label).toList());
        if (baseline != null) {
            parameters.put("baseline", baseline.spec().runId());
        }
        parameters.put("flagged", flaggedCount);
        if (n != null) {
            parameters.put("n", n);
            parameters.put("seed", seed);
        }
        String sampleVersion = version != null ? version : m.version() + "-review-" + latestRun;
        String description = "Cases of " + m.name() + " " + m.version() + " (cases sha256 " + m.casesSha256()
                + ") flagged " + String.join(", ", wanted.stream().sorted().map(FlaggedCases.Reason::label).toList())
                + " in " + ofCorpus.size() + " run(s), the latest " + latestRun + "; metadata.sampled_from_runs says"
                + " why each was picked." + (m.description().isBlank() ? "" : "\n\n" + m.description());
        CorpusManifest written;
        try {
            written = CorpusWriter.write(outDir, new CorpusManifest(name == null ? m.name() : name, sampleVersion,
                    description, m.license(), m.source(), CorpusManifest.DEFAULT_CASES_FILE, m.casesSha256(),
                    m.tags(), Lineage.derive(Operations.SAMPLE, parameters, List.of(m))), cases, force);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--name", e.getMessage());
        }
        out.printf("%s: %s %s, %d case(s) flagged in %d run(s)%s, sha256 %s%n", outDir,
                TerminalText.printable(written.name()), TerminalText.printable(written.version()), flaggedCount,
                ofCorpus.size(), n == null ? "" : ", " + cases.size() + " drawn", written.casesSha256());
        counts.forEach((reason, count) -> out.printf("  %s: %d%n", reason.label(), count));
        if (wanted.contains(FlaggedCases.Reason.REGRESSED) && baseline == null) {
            out.println("  regressed: not checked (give --baseline RUN_DIR)");
        }
        if (gone > 0) {
            out.printf("  %d flagged case(s) no longer in %s %s left out%n", gone, TerminalText.printable(m.name()),
                    TerminalText.printable(m.version()));
        }
        return ExitCode.PASS.code();
    }
}
