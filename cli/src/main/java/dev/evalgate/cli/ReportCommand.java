package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.pipeline.BaselineChoice;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineResult;
import dev.evalgate.engine.pipeline.StoredRun;
import dev.evalgate.engine.pipeline.StoredRunRequest;
import dev.evalgate.engine.pipeline.VerdictFiles;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.ReportFiles;
import dev.evalgate.reports.RunReports;

@Command(name = "report",
        description = {"Re-renders a stored run's reports (report.html, report.json, junit.xml, summary.md) without "
                + "calling a model.",
                "Without --baseline the run's own comparison.json and gate.json are shown, when the run has them. "
                        + "With --baseline the run is compared with that baseline and the suite's gate applied "
                        + "afresh; nothing in the run directory but the reports changes.",
                "Exits 0 once the reports are written, whatever the verdict; use 'evalgate gate' to fail a build."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate report runs/20261125-101500-support-1a2b",
                "  evalgate report runs/candidate --baseline main --out /tmp/report",
                "  evalgate report runs/candidate --baseline baselines/release-1.2 --suite suite.yaml"})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (holds run.json and "
            + "results.jsonl).")
    Path run;

    @Option(names = "--suite", paramLabel = "FILE", description = "The suite whose gate and baselines apply "
            + "(default: the suite the run was started from).")
    Path suiteFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports (default: the run "
            + "directory).")
    Path out;

    @Mixin
    BaselineOptions baselineOptions = new BaselineOptions();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException(out, 0, "--out", "this is a file; give a directory for the reports");
        }
        StoredRun stored = StoredRun.read(run);
        stored.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        RunResult candidate = stored.run();
        Path reportsDirectory = out != null ? out : run;
        Optional<GateVerdict> verdict;
        if (baselineOptions.given()) {
            verdict = compareAfresh(candidate, reportsDirectory, stdout).verdict();
        } else {
            ReportContext context = stored(candidate, stdout);
            RunReports.writeAll(candidate, context, reportsDirectory);
            verdict = context.verdict();
        }
        ReportFiles files = ReportFiles.in(reportsDirectory);
        verdict.ifPresent(v -> stdout.println("gate: " + (v.passed() ? "PASSED" : "FAILED ("
                + v.violations().size() + " rule" + (v.violations().size() == 1 ? "" : "s") + " violated)")));
        stdout.println("reports: " + files.html() + ", " + files.json() + ", " + files.junitXml() + ", "
                + files.markdown());
        stored.unfinished().ifPresent(note -> stdout.println("note: " + note.render(CliWording.WORDING) + "."));
        return 0;
    }

    /** The baseline given on the command line, compared and gated now, as {@code evalgate gate} would. */
    private PipelineResult compareAfresh(RunResult candidate, Path reportsDirectory, PrintWriter stdout) {
        // A run whose suite file has gone can still be compared; only the gate needs the suite's policy.
        Suite suite = suiteFile != null || hasRecordedSuite(candidate)
                ? SuiteOfRun.load(suiteFile, candidate.spec(), run) : null;
        RunResult baselineRun = baselineOptions.choice().read(suite);
        if (suite == null) {
            stdout.println("note: the run's suite file is gone, so no gate was applied; pass --suite suite.yaml "
                    + "to apply its gate");
        }
        // Nothing in the run directory but the reports changes: no comparison or gate file is written.
        return Pipeline.load().judge(new StoredRunRequest(candidate, suite, BaselineChoice.of(baselineRun),
                baselineOptions.allowCorpusChange(), MetricHistory.NONE, VerdictFiles.NONE,
                Optional.of(reportsDirectory), CliWording.WORDING));
    }

    private static boolean hasRecordedSuite(RunResult candidate) {
        String file = candidate.spec().suiteFile();
        return file != null && !file.isBlank() && Files.isRegularFile(Path.of(file));
    }

    /** What {@code evalgate run --baseline} or {@code evalgate gate} stored next to the run, if anything. */
    private ReportContext stored(RunResult candidate, PrintWriter stdout) {
        ReportContext context = ReportContext.none();
        Comparison comparison = readIfPresent(run.resolve(VerdictFiles.COMPARISON_FILE), Comparison.class);
        if (comparison != null) {
            Path baselineDir = comparison.baseline().directory().isEmpty() ? null
                    : Path.of(comparison.baseline().directory());
            if (baselineDir != null && Files.isRegularFile(baselineDir.resolve(RunStore.RUN_FILE))) {
                RunResult baselineRun = RunStore.read(baselineDir);
                if (baselineRun.spec().runId().equals(comparison.baseline().runId())) {
                    context = context.withBaseline(baselineRun);
                }
            }
            if (context.baseline().isEmpty()) {
                stdout.println("note: baseline run " + comparison.baseline().runId() + " is no longer at '"
                        + comparison.baseline().directory() + "'; the report shows the stored comparison with the "
                        + "baseline's first output per case only");
            }
            context = context.withComparison(comparison);
        }
        GateVerdict verdict = readIfPresent(run.resolve(VerdictFiles.GATE_FILE), GateVerdict.class);
        return verdict == null ? context : context.withVerdict(verdict);
    }

    private static <T> T readIfPresent(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return null;
        }
        String text = InputFiles.readText(file, InputKind.RUN_DATA);
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, JsonProblems.line(e), JsonProblems.field(e), "unreadable "
                    + file.getFileName() + ": " + JsonProblems.problem(e) + "; delete it and rerun 'evalgate gate'"
                    + " to write it again, or pass --baseline to compare afresh");
        }
    }
}
