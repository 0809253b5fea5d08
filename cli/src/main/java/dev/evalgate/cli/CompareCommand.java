package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.internal.ProgressReporter;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineRequest;
import dev.evalgate.engine.pipeline.PipelineResult;
import dev.evalgate.engine.pipeline.VerdictFiles;
import dev.evalgate.reports.ReportFiles;

@Command(name = "compare",
        description = {"Runs two bundles on the same cases and shows, case by case, what got better, worse or "
                + "stayed the same, with a paired test that says whether each difference is real or noise.",
                "The first bundle is the baseline. Writes both runs, comparison.json and the candidate's reports.",
                "Exit codes: 0 when the comparison was made (and, with --fail-on, nothing it names happened); 1 with "
                        + "--fail-on worse when a metric is worse for real (a significant drop at --level), and "
                        + "with --fail-on regressed also when any case passed before and fails now; 2 for bad input; "
                        + "3 when a model could not be reached."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate compare prompts/v1.yaml prompts/v2.yaml --suite suite.yaml",
                "  evalgate compare v1.yaml v2.yaml --suite suite.yaml --repeats 5 --tier smoke",
                "  evalgate compare v1.yaml v2.yaml --suite suite.yaml --fail-on worse"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE_BUNDLE", description = "The bundle to compare against.")
    Path baselineBundle;

    @Parameters(index = "1", paramLabel = "CANDIDATE_BUNDLE", description = "The bundle under test.")
    Path candidateBundle;

    @Option(names = "--suite", required = true, paramLabel = "FILE",
            description = "The suite that supplies corpora, scorers and settings.")
    Path suiteFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the two run directories are created "
            + "(default: the suite's 'output', else runs/ in the working directory).")
    Path out;

    @Option(names = "--repeats", paramLabel = "N", description = "Run every case N times (default: the suite's).")
    Integer repeats;

    @Option(names = "--tier", paramLabel = "TIER", description = "Run only this tier's cases (smoke, full, ...).")
    String tier;

    @Option(names = "--level", paramLabel = "P", defaultValue = "0.05",
            description = "Significance level for calling a difference real (default: ${DEFAULT-VALUE}).")
    double level;

    /** What makes {@code compare} exit 1, for scripts. */
    enum FailOn {
        /** a metric is worse for real: a significant drop at the level */
        worse,
        /** a metric is worse for real, or any case that passed in the baseline fails now */
        regressed
    }

    @Option(names = "--fail-on", paramLabel = "WHAT", description = "Exit 1 when the candidate is worse: 'worse' "
            + "(a metric dropped significantly) or 'regressed' (that, or any case that passed now fails). "
            + "Default: exit 0 whatever the result.")
    FailOn failOn;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Mixin
    BackendMixin backendOptions;

    @Override
    public Integer call() {
        if (!(level > 0 && level <= 0.5)) {
            throw new InvalidInputException(null, 0, "--level", "must be greater than 0 and at most 0.5, such as "
                    + "0.05");
        }
        if (repeats != null && (repeats < 1 || repeats > Suite.MAX_REPEATS)) {
            throw new InvalidInputException(null, 0, "--repeats", "must be between 1 and " + Suite.MAX_REPEATS);
        }
        Pipeline pipeline = Pipeline.load();
        Suite suite = new SuiteLoader(pipeline.scorers()).load(suiteFile);
        ModelOptions models = modelOptions.options();
        backendOptions.addSettings(models.settings);
        ProgressReporter reporter = quiet ? null : ProgressReporter.forStderr();
        PipelineRequest request = PipelineRequest.builder(suite).bundle(baselineBundle).runsDirectory(out)
                .repeats(repeats).tier(tier).backend(models.toBackendOptions())
                .cache(backendOptions.cacheSettings())
                .listener(reporter == null ? RunListener.NONE : reporter).wording(CliWording.WORDING)
                .build();
        PipelineResult result;
        try {
            result = pipeline.compare(request, candidateBundle);
        } finally {
            if (reporter != null) {
                reporter.commandEnded();
            }
        }
        RunResult before = result.baseline().orElseThrow();
        RunResult after = result.run();
        Comparison comparison = result.comparison().orElseThrow();
        var printer = spec.commandLine().getOut();
        if (before.spec().bundle().params().seed() != after.spec().bundle().params().seed()) {
            printer.println("note: the bundles use different seeds (" + before.spec().bundle().params().seed()
                    + " and " + after.spec().bundle().params().seed() + "); differences include sampling noise");
        }
        ComparisonPrinter.print(comparison, level, printer);
        BackendMixin.printCacheSummary(result.cache(), printer);
        printer.println("  comparison: " + after.directory().resolve(VerdictFiles.COMPARISON_FILE));
        printer.println("  report:     " + ReportFiles.in(after.directory()).html());
        Evaluation.requireEvaluated(before);
        Evaluation.requireEvaluated(after);
        if (failOn != null) {
            boolean worse = comparison.metricDeltas().stream().anyMatch(m -> m.trusted()
                    && m.significantRegression(level));
            int regressed = comparison.count(dev.evalgate.engine.compare.DiffStatus.REGRESSED);
            if (worse || failOn == FailOn.regressed && regressed > 0) {
                printer.println("compare: FAILED (--fail-on " + failOn + "): " + (worse
                        ? "a metric is worse for real at level " + level : regressed + " cases regressed"));
                printer.flush();
                return ExitCode.GATE_FAILED.code();
            }
        }
        return ExitCode.PASS.code();
    }
}
