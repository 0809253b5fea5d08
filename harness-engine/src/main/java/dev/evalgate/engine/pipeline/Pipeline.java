package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.CaseSelection;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.Plugins;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSelection;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.internal.RunMerger;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.observe.RunObserver;
import dev.evalgate.engine.observe.RunObservers;
import dev.evalgate.engine.sink.FinishedRun;
import dev.evalgate.engine.sink.ReportInput;
import dev.evalgate.engine.sink.ReportRenderers;
import dev.evalgate.engine.sink.RunSinks;
import dev.evalgate.engine.tier.Tier;
import dev.evalgate.engine.tier.TierSelector;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The whole CI path as one call: evaluate the suite, compare the run with its baseline, apply the gate, write
 * {@code comparison.json} and {@code gate.json}, render the reports and hand the run to its sinks (the history).
 * The command line and the JUnit engine only translate their options into a {@link PipelineRequest} and the
 * {@link PipelineResult} into an exit code or test events, so both reach the same verdict.
 *
 * <p>Reports and sinks are found with {@link java.util.ServiceLoader} ({@link dev.evalgate.engine.sink}), so the
 * engine imports no report format.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class Pipeline {
    private final ScorerRegistry scorers;
    private final ModelClients backends;
    private final ReportRenderers renderers;
    private final RunSinks sinks;

    public Pipeline(ScorerRegistry scorers, ModelClients backends, ReportRenderers renderers, RunSinks sinks) {
        this.scorers = java.util.Objects.requireNonNull(scorers, "scorers");
        this.backends = java.util.Objects.requireNonNull(backends, "backends");
        this.renderers = java.util.Objects.requireNonNull(renderers, "renderers");
        this.sinks = java.util.Objects.requireNonNull(sinks, "sinks");
    }

    /** Scorers, backends, report renderers and sinks as found on the class path. */
    public static Pipeline load() {
        return new Pipeline(ScorerRegistry.load(), ModelClients.load(), ReportRenderers.load(), RunSinks.load());
    }

    public ScorerRegistry scorers() {
        return scorers;
    }

    /**
     * Runs (or resumes) the suite and decides on it.
     *
     * @throws dev.evalgate.datasets.InvalidInputException for bad input (suite, bundle, corpus, baseline of other
     *                                                     corpora), before any model call
     * @throws dev.evalgate.engine.EvaluationException     when the model cannot be reached
     */
    public PipelineResult evaluate(PipelineRequest request) {
        // The suite's own plugin jars may hold sinks too (scorers and backends are added by the evaluation); the
        // jars are released when the evaluation is over.
        try (Plugins plugins = request.suite().openPlugins()) {
            return evaluate(request, this.sinks.withPlugins(plugins));
        }
    }

    private PipelineResult evaluate(PipelineRequest request, RunSinks sinks) {
        Suite suite = request.suite();
        Optional<RunSpec> resumed = request.resume().map(dir -> RunStore.readRecord(dir).spec());
        RunSelection selection = new RunSelection(request.tier().orElse(null), request.shard().orElse(null));
        if (resumed.isPresent() && request.tier().isEmpty() && request.shard().isEmpty()) {
            // Finishing a run means finishing the part it started: its tier and shard are in run.json.
            selection = resumed.get().selection();
        }
        Tier tier = selection.tier() == null ? null : suite.tier(selection.tier());
        BaselineChoice.Resolved baseline = request.baseline().resolve(suite, request.wording());
        MetricHistory history = request.history().orElseGet(() -> sinks.metricHistory(suite,
                request.sinkSettings(), w -> request.warnings().accept("run history: " + w)));
        VerdictStep verdicts = new VerdictStep(suite.gate(), baseline, request.allowCorpusChange(), history);
        CacheUse cache = new CacheUse(request.cache(), request.backend());
        EvaluationRequest evaluationRequest = new EvaluationRequest(suite, request.bundle(), request.runsRoot(),
                request.resume(), request.repeats(), request.concurrency(), request.backend(),
                caseSelection(tier, selection), cache.decorator(), verdicts.baselineOutputs(), selection,
                request.wording());
        Evaluation evaluation = new Evaluation(scorers, cache.backends(backends));
        Evaluation.Prepared prepared = evaluation.prepare(evaluationRequest);
        verdicts.checkBeforeRun(prepared.corpora());
        renderers.prepareInBackground();
        RunResult run;
        // Telemetry (--otel) is switched on through the sink settings or its standard environment variables.
        try (RunObserver observer = RunObservers.open(request.sinkSettings(), request.warnings())) {
            run = evaluation.run(prepared, request.listener(), observer);
        }
        prepared = null; // the corpora are not needed any more: let a large run's cases be collected

        VerdictStep.Judged judged = verdicts.judge(run, VerdictFiles.OWN);
        List<Path> files = new ArrayList<>();
        files.add(run.directory().resolve(RunStore.RESULTS_FILE));
        files.addAll(judged.files());
        // History and other sinks: a failure is a warning, never a different verdict. Sinks that do not read the
        // reports (the history) record the run while the reports are written.
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        RunResult finished = run;
        files.addAll(sinks.acceptWhileReporting(new FinishedRun(run, suite, judged.verdict(), request.sinkSettings()),
                () -> renderers.render(ReportInput.of(finished, baseline.run(), judged.comparison(), judged.verdict()),
                        finished.directory()),
                warning -> {
                    warnings.add(warning);
                    request.warnings().accept(warning);
                }));
        return new PipelineResult(run, Optional.ofNullable(baseline.run()), Optional.ofNullable(judged.comparison()),
                Optional.ofNullable(judged.verdict()), files, cache.summary(), warnings);
    }

    /**
     * Compares a stored run with a baseline and applies the suite's gate to it, without calling a model; writes
     * the comparison, the verdict and the reports where the request says.
     */
    public PipelineResult judge(StoredRunRequest request) {
        RunResult run = request.run();
        BaselineChoice.Resolved baseline = request.suite() == null
                ? new BaselineChoice.Resolved(request.baseline().read(null), null)
                : request.baseline().resolve(request.suite(), request.wording());
        VerdictStep verdicts = new VerdictStep(request.suite() == null ? null : request.suite().gate(), baseline,
                request.allowCorpusChange(), request.history());
        VerdictStep.Judged judged = verdicts.judge(run, request.files());
        List<Path> files = new ArrayList<>(judged.files());
        Path reports = request.reportsDirectory().orElseGet(() -> request.files().reportsDirectory(run.directory()));
        files.addAll(renderers.render(ReportInput.of(run, baseline.run(), judged.comparison(), judged.verdict()),
                reports));
        return new PipelineResult(run, Optional.ofNullable(baseline.run()), Optional.ofNullable(judged.comparison()),
                Optional.ofNullable(judged.verdict()), files, Optional.empty(), List.of());
    }

    /**
     * Joins the runs of the shards of one evaluation ({@code --shard i/n} on the command line) into one run in
     * {@code outDirectory}, with its reports. Shards of different bundles, corpora, scorers or models, shards that
     * overlap and unfinished shards are refused.
     */
    public PipelineResult merge(List<Path> shardDirectories, Path outDirectory) {
        RunResult merged = RunMerger.merge(shardDirectories, outDirectory);
        List<Path> files = new ArrayList<>();
        files.add(merged.directory().resolve(RunStore.RESULTS_FILE));
        files.addAll(renderers.render(ReportInput.of(merged, null, null, null), merged.directory()));
        return new PipelineResult(merged, Optional.empty(), Optional.empty(), Optional.empty(), files,
                Optional.empty(), List.of());
    }

    /**
     * Runs two bundles on the same cases and compares them: the request's bundle is the baseline, {@code candidate}
     * the bundle under test (its pairwise judges see the baseline's outputs). Both bundles are loaded and checked
     * before either runs, so a mistake in the second costs no model time. Writes both runs, the candidate's
     * {@code comparison.json} and both runs' reports; no gate is applied and no sink is told.
     *
     * @return the candidate's result, with the baseline run and the comparison
     */
    public PipelineResult compare(PipelineRequest request, Path candidate) {
        java.util.Objects.requireNonNull(candidate, "candidate");
        Suite suite = request.suite();
        RunSelection selection = new RunSelection(request.tier().orElse(null), request.shard().orElse(null));
        Tier tier = selection.tier() == null ? null : suite.tier(selection.tier());
        CacheUse cache = new CacheUse(request.cache(), request.backend());
        Evaluation evaluation = new Evaluation(scorers, cache.backends(backends));
        EvaluationRequest first = new EvaluationRequest(suite, request.bundle(), request.runsRoot(), Optional.empty(),
                request.repeats(), request.concurrency(), request.backend(), caseSelection(tier, selection),
                cache.decorator(), BaselineOutputs.NONE, selection, request.wording());
        evaluation.prepare(first);
        evaluation.prepare(first.withBundle(candidate));
        RunResult before = evaluation.run(first, request.listener());
        RunResult after = evaluation.run(new EvaluationRequest(suite, Optional.of(candidate), request.runsRoot(),
                Optional.empty(), request.repeats(), request.concurrency(), request.backend(),
                caseSelection(tier, selection), cache.decorator(), BaselineOutputs.of(before), selection,
                request.wording()),
                request.listener());
        VerdictStep verdicts = new VerdictStep(null, new BaselineChoice.Resolved(before, null), false,
                MetricHistory.NONE);
        VerdictStep.Judged judged = verdicts.judge(after, VerdictFiles.OWN);
        List<Path> files = new ArrayList<>();
        files.add(after.directory().resolve(RunStore.RESULTS_FILE));
        files.addAll(judged.files());
        files.addAll(renderers.render(ReportInput.of(after, before, judged.comparison(), null), after.directory()));
        files.add(before.directory().resolve(RunStore.RESULTS_FILE));
        files.addAll(renderers.render(ReportInput.of(before, null, null, null), before.directory()));
        return new PipelineResult(after, Optional.of(before), Optional.ofNullable(judged.comparison()),
                Optional.empty(), files, cache.summary(), List.of());
    }

    private static CaseSelection caseSelection(Tier tier, RunSelection selection) {
        CaseSelection byTier = tier == null ? CaseSelection.ALL : TierSelector.selection(tier);
        // A shard decides case by case, so narrowing the tier's choice equals choosing among the tier's cases.
        return selection.shard() == null ? byTier : byTier.and(selection.shard().selection());
    }
}
