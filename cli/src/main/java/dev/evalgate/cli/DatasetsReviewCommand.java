package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.review.CalibrationLabels;
import dev.evalgate.datasets.review.ReviewApplication;
import dev.evalgate.datasets.review.ReviewRow;
import dev.evalgate.datasets.review.ReviewSheet;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.CaseOutcome;
import dev.evalgate.engine.compare.CaseOutcomes;

/**
 * {@code evalgate datasets review}: exports a run's cases with their outputs and scores to a sheet a reviewer fills
 * in, and brings the filled-in sheet back as references of a new corpus version or as calibration labels.
 */
@Command(name = "review",
        description = {"Export: writes the cases of CORPUS_DIR that RUN_DIR evaluated, with the run's output, verdict"
                + " and scores, to a review sheet (--out FILE.csv or FILE.jsonl). A reviewer fills in label (pass,"
                + " fail or 1-5), corrected_reference, note and reviewer. Choose cases with --tag, --ids and"
                + " --failed (failed in any repeat of any run).",
                "Every repeat counts: the verdict folds them (with the majority and any-fail readings when a case"
                        + " ran several times) and the output shown is the first failing repeat's, if any. Several"
                        + " runs (newest first) give one row per case, its verdict in each run, the output from the"
                        + " first run where it failed.",
                "Apply (--apply SHEET): a corrected_reference becomes the case's expected.reference, a pass makes the"
                        + " reviewed output the reference, other labels are only recorded; each reviewed case gets"
                        + " metadata.review (reviewer, date, label, note, run). The result is a new corpus version in"
                        + " --out DIR, its lineage naming the sheet. With --labels-out FILE the labelled rows become"
                        + " a human labels file for 'evalgate judges calibrate' instead.",
                "Every bad row is refused with the sheet's file, line and column; nothing is written then."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets review runs/RUN_ID --corpus corpora/historical \\",
                "      --tag extraction --failed --out review.csv",
                "  evalgate datasets review --apply review.csv --corpus corpora/historical \\",
                "      --reviewer 'Ana Sousa' --out reviewed/historical",
                "  evalgate datasets review --apply review.csv --corpus corpora/historical \\",
                "      --reviewer 'Ana Sousa' --labels-out labels.jsonl",
                "", "Exit codes:", "  0  sheet, corpus or labels written",
                "  2  usage or input error (not a run, malformed corpus, bad review row)", "  4  internal error"})
final class DatasetsReviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", arity = "0..*", paramLabel = "RUN_DIR", description = "the run(s) to export, newest"
            + " first (not with --apply)")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "the corpus the cases belong to")
    Path corpusDir;

    @Option(names = "--out", paramLabel = "FILE|DIR", description = "export: the sheet to write (.csv or .jsonl);"
            + " apply: the directory of the new corpus version")
    Path out;

    @Option(names = "--tag", paramLabel = "TAG", description = "export: only cases with this tag (repeatable: any)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--ids", split = ",", paramLabel = "ID", description = "export: only these case ids")
    List<String> ids = new ArrayList<>();

    @Option(names = "--failed", description = "export: only cases that did not pass every repeat")
    boolean failedOnly;

    @Option(names = "--apply", paramLabel = "SHEET", description = "bring a filled-in sheet back")
    Path apply;

    @Option(names = "--reviewer", paramLabel = "NAME", description = "apply: who reviewed rows whose reviewer"
            + " column is empty")
    String reviewer;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "apply: the review date (default: today,"
            + " UTC)")
    String date;

    @Option(names = "--version", paramLabel = "V", description = "apply: the new corpus version (default: the next"
            + " minor version)")
    String version;

    @Option(names = "--labels-out", paramLabel = "FILE", description = "apply: write calibration labels instead of"
            + " a corpus")
    Path labelsOut;

    @Option(names = "--force", description = "replace a sheet, corpus or labels file already there")
    boolean force;

    @Override
    public Integer call() {
        if (apply != null) {
            if (!runDirs.isEmpty()) {
                throw new InvalidInputException(runDirs.get(0), 0, "RUN_DIR", "--apply reads a sheet, not a run; leave the"
                        + " run directory out");
            }
            return labelsOut != null ? applyAsLabels() : applyAsReferences();
        }
        if (runDirs.isEmpty()) {
            throw new InvalidInputException(null, 0, "RUN_DIR", "give the run directory to export, or --apply SHEET");
        }
        if (out == null) {
            throw new InvalidInputException(null, 0, "--out", "give the sheet to write, such as --out review.csv");
        }
        for (String option : List.of("--reviewer", "--date", "--version", "--labels-out")) {
            Object value = switch (option) {
                case "--reviewer" -> reviewer;
                case "--date" -> date;
                case "--version" -> version;
                default -> labelsOut;
            };
            if (value != null) {
                throw new InvalidInputException(null, 0, option, "only applies with --apply");
            }
        }
        return export();
    }

    private int export() {
        ReviewSheet.Format.of(out);
        if (!force && out.toFile().exists()) {
            throw new InvalidInputException(out, 0, "--out", "already exists; choose another file or pass --force");
        }
        Corpus corpus = CorpusLines.load(corpusDir).corpus();
        PrintWriter o = spec.commandLine().getOut();
        List<RunResult> runs = new ArrayList<>();
        for (Path runDir : runDirs) {
            RunResult run = RunStore.read(runDir);
            if (run.spec().corpora().stream().noneMatch(c -> c.name().equals(corpus.name()))) {
                throw new InvalidInputException(runDir, 0, "--corpus", "the run evaluated no corpus named '"
                        + corpus.name() + "'; it evaluated " + run.spec().corpora().stream()
                        .map(c -> c.name() + " " + c.version()).toList());
            }
            run.spec().corpora().stream().filter(c -> c.name().equals(corpus.name())
                            && !c.sha256().equals(corpus.sha256())).findFirst()
                    .ifPresent(c -> o.printf("note: run %s evaluated %s %s (sha256 %s), %s is %s (sha256 %s);"
                                    + " references come from %s%n", TerminalText.printable(run.spec().runId()),
                            c.name(), c.version(), c.sha256(), corpusDir, corpus.version(), corpus.sha256(),
                            corpusDir));
            runs.add(run);
        }
        Map<String, EvalCase> byId = new LinkedHashMap<>();
        corpus.cases().forEach(c -> byId.put(c.id(), c));
        Set<String> wantedIds = new HashSet<>(ids);
        Set<String> unknownIds = new HashSet<>(wantedIds);
        unknownIds.removeAll(byId.keySet());
        if (!unknownIds.isEmpty()) {
            throw new InvalidInputException(corpusDir, 0, "--ids", "no such case(s) in " + corpus.name() + ": "
                    + unknownIds.stream().sorted().toList());
        }
        // every repeat of every case, per run, in the order the runs were given
        Map<String, List<ReviewedRun>> byCase = new LinkedHashMap<>();
        for (RunResult run : runs) {
            CaseOutcomes outcomes = CaseOutcomes.of(run);
            Map<String, List<CaseResult>> repeats = new LinkedHashMap<>();
            for (CaseResult r : run.results()) {
                if (r.corpus().equals(corpus.name()) || r.corpus().isEmpty()) {
                    repeats.computeIfAbsent(r.caseId(), k -> new ArrayList<>()).add(r);
                }
            }
            repeats.forEach((caseId, results) -> {
                results.sort(java.util.Comparator.comparingInt(CaseResult::repeat));
                byCase.computeIfAbsent(caseId, k -> new ArrayList<>()).add(new ReviewedRun(run.spec().runId(),
                        results, outcomes.get(results.get(0).key()).outcome()));
            });
        }
        List<ReviewRow> rows = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, List<ReviewedRun>> e : byCase.entrySet()) {
            EvalCase c = byId.get(e.getKey());
            if (c == null) {
                missing++;
                continue;
            }
            List<ReviewedRun> seen = e.getValue();
            boolean allPassed = seen.stream().allMatch(r -> r.outcome().passAllK());
            if (!wantedIds.isEmpty() && !wantedIds.contains(c.id())
                    || !tags.isEmpty() && tags.stream().noneMatch(c::hasTag)
                    || failedOnly && allPassed) {
                continue;
            }
            // the reviewer sees a failing repeat when there is one: the first of the first run that has one
            ReviewedRun shownRun = seen.stream().filter(r -> r.firstFailing() != null).findFirst()
                    .orElse(seen.get(0));
            CaseResult result = shownRun.firstFailing() != null ? shownRun.firstFailing() : shownRun.repeats().get(0);
            String verdict = seen.size() == 1 ? seen.get(0).verdict(result)
                    : String.join("; ", seen.stream().map(r -> r.runId() + ": " + r.verdict(
                            r == shownRun ? result : null)).toList());
            rows.add(ReviewRow.toReview(corpus.name(), c.id(), shownRun.runId(), verdict, scores(result),
                    result.prompt(), reference(c), result.error() != null && result.output().isEmpty()
                            ? "(error: " + result.error() + ")" : result.output()));
        }
        ReviewSheet.write(out, rows);
        o.printf("%s: %d case(s) of %s %s from run %s to review%s%n", out, rows.size(),
                TerminalText.printable(corpus.name()), TerminalText.printable(corpus.version()),
                TerminalText.printable(String.join(", ", runs.stream().map(r -> r.spec().runId()).toList())),
                missing == 0 ? ""
                        : " (" + missing + " result(s) for ids the corpus no longer has left out)");
        o.println("fill in label (pass, fail or 1-5), corrected_reference, note and reviewer, then: evalgate datasets"
                + " review --apply " + out + " --corpus " + corpusDir + " --out DIR");
        return ExitCode.PASS.code();
    }

    private int applyAsReferences() {
        if (out == null) {
            throw new InvalidInputException(null, 0, "--out", "give the directory of the reviewed corpus version,"
                    + " or --labels-out FILE for calibration labels");
        }
        if (out.toAbsolutePath().normalize().equals(corpusDir.toAbsolutePath().normalize())) {
            throw new InvalidInputException(out, 0, "--out", "is the corpus being reviewed; write the new version to"
                    + " another directory");
        }
        LocalDate day = day();
        CorpusLines source = CorpusLines.load(corpusDir);
        List<ReviewRow> rows = ReviewSheet.read(apply);
        ReviewApplication.Outcome outcome = ReviewApplication.apply(source, apply, rows, reviewer, day);
        String newVersion = version != null ? version : ReviewApplication.nextVersion(source.corpus().version());
        if (newVersion.equals(source.corpus().version())) {
            throw new InvalidInputException(null, 0, "--version", "give a version other than the reviewed corpus's "
                    + newVersion);
        }
        CorpusManifest written = ReviewApplication.write(source, outcome, apply, day, out, newVersion, force);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s: %s %s (from %s), sha256 %s%n", out, TerminalText.printable(written.name()),
                TerminalText.printable(written.version()), TerminalText.printable(source.corpus().version()),
                written.casesSha256());
        o.printf("  %d reference(s) corrected, %d output(s) accepted as reference, %d review(s) recorded without a"
                        + " new reference, %d row(s) not reviewed%s; reviewed by %s on %s%n", outcome.corrected(),
                outcome.acceptedOutputs(), outcome.recordedOnly(), outcome.notReviewed(),
                outcome.otherCorpora() == 0 ? "" : ", " + outcome.otherCorpora() + " row(s) of other corpora",
                outcome.reviewers().isEmpty() ? "nobody" : TerminalText.printable(String.join(", ",
                        outcome.reviewers())), day);
        return ExitCode.PASS.code();
    }

    private int applyAsLabels() {
        if (out != null || version != null) {
            throw new InvalidInputException(null, 0, out != null ? "--out" : "--version", "not with --labels-out,"
                    + " which writes calibration labels rather than a corpus");
        }
        LocalDate day = day();
        Corpus corpus = CorpusLines.load(corpusDir).corpus();
        List<ReviewRow> rows = ReviewSheet.read(apply).stream()
                .filter(r -> r.corpus().isEmpty() || r.corpus().equals(corpus.name())).toList();
        Set<String> known = new HashSet<>();
        corpus.cases().forEach(c -> known.add(c.id()));
        for (ReviewRow row : rows) {
            if (!known.contains(row.caseId())) {
                throw new InvalidInputException(apply, row.line(), "case_id", "corpus " + corpus.name() + " has no"
                        + " case '" + row.caseId() + "'");
            }
        }
        CalibrationLabels.Written written = CalibrationLabels.write(apply, rows, reviewer, day, labelsOut, force);
        spec.commandLine().getOut().printf("%s: %d calibration label(s) (%d row(s) without a label left out),"
                + " reviewed on %s; use it with 'evalgate judges calibrate --labels %s --scorer TYPE'%n", labelsOut,
                written.labels(), written.unlabelled(), day, labelsOut);
        return ExitCode.PASS.code();
    }

    private LocalDate day() {
        if (date == null) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, 0, "--date", "expected YYYY-MM-DD, was '" + date + "'");
        }
    }

    private static String scores(CaseResult result) {
        List<String> parts = new ArrayList<>();
        for (Score s : result.scores()) {
            parts.add(s.name() + " " + String.format(Locale.ROOT, "%.3f", s.value()) + (s.passed() ? " pass" : " fail"));
        }
        return String.join("; ", parts);
    }

    private static String reference(EvalCase c) {
        Object reference = c.expected().get("reference");
        if (reference != null) {
            return String.valueOf(reference);
        }
        Object references = c.expected().get("references");
        return references instanceof List<?> list ? String.join(" | ", list.stream().map(String::valueOf).toList())
                : "";
    }

    /**
     * One run's repeats of a case, folded: the verdict over all repeats (the run's own rule, worst wins) with the
     * majority and any-fail readings when there are several, and which repeat's output the sheet shows.
     */
    private record ReviewedRun(String runId, List<CaseResult> repeats, CaseOutcome outcome) {
        CaseResult firstFailing() {
            return repeats.stream().filter(r -> !r.passed()).findFirst().orElse(null);
        }

        String verdict(CaseResult shown) {
            String verdict = FlaggedCases.verdict(outcome);
            int n = repeats.size();
            if (n == 1) {
                return verdict;
            }
            int failed = n - outcome.passed();
            return verdict + " (" + failed + " of " + n + " repeats failed; majority " + (2 * failed > n ? "fail"
                    : "pass") + ", any-fail " + (failed > 0 ? "fail" : "pass") + (shown == null ? ""
                    : "; output of repeat " + shown.repeat()) + ")";
        }
    }
}
