package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineResult;
import dev.evalgate.engine.pipeline.StoredRun;
import dev.evalgate.engine.pipeline.StoredRunRequest;
import dev.evalgate.engine.pipeline.VerdictFiles;
import dev.evalgate.history.StoredMetricHistory;

@Command(name = "gate",
        description = {"Applies the suite's gate policy to a stored run, against a baseline, without calling a model.",
                "Writes gate-BASELINE.json and comparison-BASELINE.json into the run directory and this verdict's "
                        + "reports into RUN_DIR/gate-BASELINE/; the run's own gate.json and reports are left as they "
                        + "were. Exits 0 when the gate passes, 1 when it fails."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate gate runs/20261125-101500-support-1a2b --baseline main",
                "  evalgate gate runs/candidate --baseline baselines/release-1.2 --suite suite.yaml"})
public final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run to judge.")
    Path run;

    @Option(names = "--suite", paramLabel = "FILE", description = "The suite whose gate applies (default: the "
            + "suite the run was started from).")
    Path suiteFile;

    @Mixin
    BaselineOptions baselineOptions = new BaselineOptions();

    @Option(names = "--history", paramLabel = "FILE|JDBC_URL", description = "The run history that max_drift rules "
            + "read (default: as 'run' records it).")
    String history;

    @Override
    public Integer call() {
        StoredRun stored = StoredRun.read(run);
        stored.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        RunResult candidate = stored.requireFinished();
        Suite suite = SuiteOfRun.load(suiteFile, candidate.spec(), run);
        MetricHistory runHistory = StoredMetricHistory.forRun(history, suite.file(),
                w -> spec.commandLine().getErr().println("warning: run history: " + w));
        // The run's own gate.json and reports keep the verdict it was given; this verdict gets files of its own.
        PipelineResult outcome = Pipeline.load().judge(StoredRunRequest.regate(candidate, suite,
                baselineOptions.choice(), baselineOptions.allowCorpusChange(), runHistory)
                .withWording(CliWording.WORDING));
        GateVerdict verdict = outcome.verdict().orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        GateVerdictPrinter.print(verdict, outcome.comparison().orElse(null), baselineOptions.label(), out);
        VerdictFiles files = VerdictFiles.labelled(baselineOptions.label());
        out.println("  verdict: " + candidate.directory().resolve(files.gateFile()));
        out.println("  reports: " + files.reportsDirectory(candidate.directory()));
        return verdict.exitCode().code();
    }
}
