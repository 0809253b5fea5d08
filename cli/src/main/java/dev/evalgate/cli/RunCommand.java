package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.Shard;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.ProgressReporter;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineRequest;
import dev.evalgate.engine.pipeline.PipelineResult;
import dev.evalgate.reports.ReportFiles;

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

    @Option(names = "--otel", arity = "0..1", fallbackValue = "true", paramLabel = "URL", description = "Export the "
            + "run to OpenTelemetry over OTLP/HTTP: a trace per run, a span per case and per model or judge call, and"
            + " run metrics; URL is the collector's base URL (default: $OTEL_EXPORTER_OTLP_ENDPOINT, else "
            + "http://localhost:4318). Setting OTEL_EXPORTER_OTLP_ENDPOINT turns it on too.")
    String otel;

    @Option(names = "--otel-content", description = "Attach prompts and outputs to the exported call spans (off by "
            + "default: they may hold personal data).")
    boolean otelContent;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

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
        Pipeline pipeline = Pipeline.load();
        Path suitePath = suiteFile;
        if (suitePath == null) {
            if (resume == null) {
                throw new InvalidInputException(null, 0, "SUITE", "give a suite file, or --resume RUN_DIR");
            }
            suitePath = Path.of(RunStore.readRecord(resume).spec().suiteFile());
        }
        Suite suite = new SuiteLoader(pipeline.scorers()).load(suitePath);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelOptions models = modelOptions.options();
        backendOptions.addSettings(models.settings);
        PipelineRequest.Builder request = PipelineRequest.builder(suite).bundle(bundle).runsDirectory(out)
                .resume(resume).repeats(repeats).concurrency(concurrency).tier(tier)
                .shard(shard == null ? null : parseShard(shard))
                .baseline(baselineOptions.choice()).allowCorpusChange(baselineOptions.allowCorpusChange())
                .backend(models.toBackendOptions()).cache(backendOptions.cacheSettings())
                .sinkSettings(sinkSettings())
                .warnings(warning -> err.println("warning: " + warning)).wording(CliWording.WORDING);
        Path runsRoot = request.build().runsRoot();
        Path resumeDir = resume;
        ProgressReporter reporter = quiet ? null : ProgressReporter.forStderr().withResumeAdvice(
                id -> models.resumeCommand(resumeDir != null ? resumeDir : runsRoot.resolve(id)));
        RunListener progress = reporter == null ? RunListener.NONE : reporter;
        // Notes are printed even when quiet, as report and gate print them: a resumed run mended its files.
        PhaseTimings timings = PhaseTimings.around(new NotePrinter(progress, err));
        PipelineResult result;
        try {
            result = pipeline.evaluate(request.listener(timings).build());
        } finally {
            if (reporter != null) {
                reporter.commandEnded();
            }
        }
        RunSummaryPrinter.print(result.run(), stdout);
        BackendMixin.printCacheSummary(result.cache(), stdout);
        GateVerdict verdict = result.verdict().orElseThrow();
        GateVerdictPrinter.print(verdict, result.comparison().orElse(null), baselineOptions.label(), stdout);
        stdout.println("  report:  " + ReportFiles.in(result.run().directory()).html());
        timings.reportsWritten(System.err);
        Evaluation.requireEvaluated(result.run());
        return verdict.exitCode().code();
    }

    /** The run history and the telemetry export read their settings by name. */
    private Map<String, String> sinkSettings() {
        Map<String, String> settings = new HashMap<>(TelemetryOptions.settings(otel, otelContent));
        if (history != null) {
            settings.put("history", history);
        }
        return settings;
    }

    private static Shard parseShard(String text) {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--shard", e.getMessage());
        }
    }
}
