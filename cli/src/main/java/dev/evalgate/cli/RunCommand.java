package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.ProgressReporter;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSelection;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunStore;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Shard;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.sink.FinishedRun;
import dev.evalgate.engine.sink.RunSinks;
import dev.evalgate.history.StoredMetricHistory;
import dev.evalgate.engine.tier.Tier;
import dev.evalgate.engine.tier.TierSelector;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.ReportFiles;
import dev.evalgate.reports.RunReports;

@Command(name = "run",
        description = {"Runs a suite: every case of its corpora through the bundle's model, scored by its scorers.",
                "Results stream to RUN_DIR/results.jsonl as cases finish, so a killed run can be finished with "
                        + "--resume."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate run examples/quickstart/suite.yaml --model ../shared/models/stories260K.gguf",
                "  evalgate run suite.yaml --bundle prompts/v2.yaml --repeats 5 --concurrency 4",
                "  evalgate run --resume runs/20261125-101500-assistant-1a2b"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "The suite file (suite.yaml).")
    Path suiteFile;

    @Option(names = "--bundle", paramLabel = "FILE", description = "Evaluate this bundle instead of the suite's.")
    Path bundle;

    @Option(names = "--out", paramLabel = "DIR", description = "Where run directories are created (default: the "
            + "suite's 'output', else ./runs).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Finish an unfinished run; cases already in its results.jsonl are not run again.")
    Path resume;

    @Option(names = "--concurrency", paramLabel = "N", description = "Cases in flight at once (default: the "
            + "suite's; a backend may allow fewer).")
    Integer concurrency;

    @Option(names = "--repeats", paramLabel = "N", description = "Run every case N times with seeds seed..seed+N-1 "
            + "(default: the suite's).")
    Integer repeats;

    @Mixin
    BaselineOptions baselineOptions = new BaselineOptions();

    @Option(names = "--tier", paramLabel = "TIER", description = "Run only this tier of the suite: smoke, full, "
            + "or any tier under its 'tiers:'.")
    String tier;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (1-based), chosen by a "
            + "stable hash of each case id; join the shards' runs with 'evalgate merge'.")
    String shard;

    @Option(names = "--history", paramLabel = "FILE|JDBC_URL", description = "Record the run in this history: an "
            + "SQLite file or jdbc:postgresql://HOST/DB; 'off' records nothing (default: the suite's 'history', else "
            + "$EVALGATE_HISTORY, else ~/.local/share/evalgate/history.db).")
    String history;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Mixin
    BackendMixin backendOptions;

    @Override
    public Integer call() {
        if (concurrency != null && concurrency < 1) {
            throw new InvalidInputException(null, 0, "--concurrency", "must be at least 1");
        }
        if (repeats != null && (repeats < 1 || repeats > Suite.MAX_REPEATS)) {
            throw new InvalidInputException(null, 0, "--repeats", "must be between 1 and " + Suite.MAX_REPEATS);
        }
        ScorerRegistry scorers = ScorerRegistry.load();
        RunSpec resumed = resume == null ? null : RunStore.readRecord(resume).spec();
        Path suitePath = suiteFile;
        if (suitePath == null) {
            if (resumed == null) {
                throw new InvalidInputException(null, 0, "SUITE", "give a suite file, or --resume RUN_DIR");
            }
            suitePath = Path.of(resumed.suiteFile());
        }
        Suite suite = new SuiteLoader(scorers).load(suitePath);
        Path runsRoot = suite.runsDirectory(out);
        RunSelection selection = new RunSelection(tier, shard == null ? null : parseShard(shard));
        if (resumed != null && tier == null && shard == null) {
            // Finishing a run means finishing the part it started: its tier and shard are in run.json.
            selection = resumed.selection();
        }
        Tier selected = selection.tier() == null ? null : suite.tier(selection.tier());
        BaselineOptions.Chosen chosenBaseline = baselineOptions.choose(suite);
        RunResult baselineRun = chosenBaseline.run();
        BaselineGate gate = new BaselineGate(suite.gate(), chosenBaseline, baselineOptions.label(),
                baselineOptions.allowCorpusChange());
        gate.useHistory(StoredMetricHistory.forRun(history, suite.file(),
                w -> spec.commandLine().getErr().println("warning: run history: " + w)));
        ModelOptions models = modelOptions.options();
        backendOptions.addSettings(models.settings);
        BackendOptions backend = models.toBackendOptions();
        UnaryOperator<List<PlannedCase>> tierSelection = selected == null ? UnaryOperator.identity()
                : cases -> TierSelector.select(selected, cases);
        UnaryOperator<List<PlannedCase>> shardSelection = selection.shard() == null ? UnaryOperator.identity()
                : selection.shard().selection();
        EvaluationRequest request = new EvaluationRequest(suite, Optional.ofNullable(bundle), runsRoot,
                Optional.ofNullable(resume), Optional.ofNullable(repeats), Optional.ofNullable(concurrency),
                backend, cases -> shardSelection.apply(tierSelection.apply(cases)),
                backendOptions.clientDecorator(backend), gate.baselineOutputs(), selection);
        Evaluation evaluation = new Evaluation(scorers, backendOptions.backends(ModelClients.load(), backend));
        Evaluation.Prepared prepared = evaluation.prepare(request);
        if (baselineRun != null) {
            gate.checkBeforeRun(prepared.corpora());
        }
        Path resumeDir = resume;
        PhaseTimings timings = PhaseTimings.around(quiet ? dev.evalgate.engine.RunListener.NONE
                : ProgressReporter.forStderr().withResumeAdvice(id -> models.resumeCommand(
                        resumeDir != null ? resumeDir : runsRoot.resolve(id))));
        RunResult result = evaluation.run(prepared, timings);
        prepared = null; // the corpora are not needed for the reports: let a large run's cases be collected
        RunSummaryPrinter.print(result, spec.commandLine().getOut());
        backendOptions.printCacheSummary(spec.commandLine().getOut());
        BaselineGate.Outcome outcome = gate.apply(result, spec.commandLine().getOut());
        ReportContext context = ReportContext.none().withVerdict(outcome.verdict());
        if (baselineRun != null) {
            context = context.withBaseline(baselineRun);
        }
        if (outcome.comparison() != null) {
            context = context.withComparison(outcome.comparison());
        }
        ReportFiles reports = RunReports.writeAll(result, context, result.directory());
        spec.commandLine().getOut().println("  report:  " + reports.html());
        timings.reportsWritten(System.err);
        // History and other sinks: a failure is a warning, never a different verdict.
        RunSinks.load().accept(new FinishedRun(result, suite, outcome.verdict(),
                history == null ? Map.of() : Map.of("history", history)),
                warning -> spec.commandLine().getErr().println("warning: " + warning));
        Evaluation.requireEvaluated(result);
        return outcome.verdict().exitCode().code();
    }

    private static Shard parseShard(String text) {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--shard", e.getMessage());
        }
    }
}
