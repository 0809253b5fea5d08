package dev.evalgate.engine;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import org.apiguardian.api.API;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.gate.GateRule;
import dev.evalgate.engine.gate.ModelPrice;
import dev.evalgate.engine.internal.BundleLoader;
import dev.evalgate.engine.internal.EngineVersion;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.JsonSyntaxValidator;
import dev.evalgate.engine.internal.NamedScorer;
import dev.evalgate.engine.internal.PlannedCases;
import dev.evalgate.engine.internal.PromptRenderer;
import dev.evalgate.engine.internal.RetryPolicy;
import dev.evalgate.engine.internal.RunPlan;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.internal.Runner;
import dev.evalgate.engine.internal.StoredTextRedactor;
import dev.evalgate.engine.observe.RunObserver;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The engine's front door: loads and checks everything a suite names, opens the model, and runs or resumes.
 * Every front end (the CLI, the JUnit engine, tests) goes through here, so they all behave the same.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class Evaluation {
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ScorerRegistry scorers;
    private final ModelClients backends;
    private final Runner runner;

    public Evaluation(ScorerRegistry scorers, ModelClients backends) {
        this(scorers, backends, new Runner());
    }

    public Evaluation(ScorerRegistry scorers, ModelClients backends, Runner runner) {
        this.scorers = scorers;
        this.backends = backends;
        this.runner = runner;
    }

    /** Loads everything and fails on the first input error, before any model is loaded. */
    public Prepared prepare(EvaluationRequest request) {
        Suite suite = request.suite();
        Path bundleFile = request.bundleOverride().orElse(suite.bundle());
        Bundle bundle = BundleLoader.load(bundleFile);
        checkCostBudgetsPriced(suite, bundleFile);
        // One pass over each corpus checks its lines, its template variables and offers its cases to the selection;
        // the corpora keep only where their cases lie, and the plan only the indexes it chose.
        List<Corpus> corpora = new ArrayList<>();
        Set<String> names = new HashSet<>();
        CaseSelection.Pass selection = request.caseSelection().begin();
        int[] planned = {0};
        InvalidInputException[] firstMissing = {null};
        for (Path dir : suite.corpora()) {
            Corpus corpus = CorpusLoader.verifying().open(dir, manifest -> {
                if (!names.add(manifest.name())) {
                    throw new InvalidInputException(suite.file(), 0, "corpora",
                            "two corpora are named '" + manifest.name() + "'; corpus names key the results");
                }
                Path casesFile = dir.resolve(manifest.casesFile());
                return (line, text, evalCase) -> {
                    List<String> missing = PromptRenderer.missingVariables(bundle.template(), evalCase);
                    if (!missing.isEmpty() && firstMissing[0] == null) {
                        // Reported once every corpus has loaded: a corpus that does not load is the first problem.
                        firstMissing[0] = new InvalidInputException(casesFile, line, "input." + missing.get(0),
                                "case '" + evalCase.id() + "' has no input variable '" + missing.get(0)
                                        + "' that the template of " + bundleFile + " uses");
                    }
                    selection.offer(new PlannedCase(planned[0]++, manifest.name(), evalCase));
                };
            });
            corpora.add(corpus);
        }
        if (firstMissing[0] != null) {
            throw firstMissing[0];
        }
        PlannedCases selected = new PlannedCases(corpora, selection.chosen());
        if (selected.isEmpty()) {
            throw new AdvisedInputException(suite.file(), 0, null, Advice.text("no cases selected to run: the ")
                    .then(Setting.TIER).then(" or ").then(Setting.SHARD).then(" chosen leaves out all " + planned[0]
                            + " cases of the suite's corpora; check the tier's tags against those the cases carry"
                            + " ('evalgate datasets stats CORPUS_DIR' lists them)"), null);
        }
        return new Prepared(request, bundleFile, bundle, corpora, selected);
    }

    public RunResult run(EvaluationRequest request, RunListener listener) {
        return run(prepare(request), listener);
    }

    /** Runs what {@link #prepare} loaded, so a front end that looked at the corpora first does not load them twice. */
    public RunResult run(Prepared prepared, RunListener listener) {
        return run(prepared, listener, RunObserver.NONE);
    }

    /**
     * Runs what {@link #prepare} loaded and tells {@code observer} about the run, its cases and their model and
     * judge calls as they happen; the caller opened the observer and closes it.
     */
    public RunResult run(Prepared prepared, RunListener listener, RunObserver observer) {
        // The suite's own plugin jars add to the scorers and backends the front end found; the run releases them.
        try (Plugins plugins = prepared.request().suite().openPlugins()) {
            return run(prepared, listener, observer, plugins);
        }
    }

    private RunResult run(Prepared prepared, RunListener listener, RunObserver observer, Plugins plugins) {
        EvaluationRequest request = prepared.request();
        Suite suite = request.suite();
        Bundle bundle = prepared.bundle();
        ScorerRegistry scorers = this.scorers.withPlugins(plugins);
        ModelClients backends = this.backends.withPlugins(plugins);
        // Read before the model is opened, so a --resume path that is not a run fails fast. A resumed run keeps
        // the repeats it was started with unless the user asks otherwise (then it is refused below): finishing a
        // run must not quietly change the experiment.
        Optional<RunSpec> resumed = request.resume().map(dir -> RunStore.readRecord(dir).spec());
        Optional<OutputValidator> validator = validatorNaming(prepared.bundleFile(), bundle);
        Map<String, ModelClient> judges = new ConcurrentHashMap<>();
        ModelClient client = null;
        try {
            // Scorers first: a misspelt scorer parameter must fail before a large model spends seconds loading.
            // A redacting suite keeps real outputs (and judge prompts quoting them) out of the inference cache,
            // which stores them verbatim.
            Optional<StoredTextRedactor> redactor = suite.redact().isEmpty() ? Optional.empty()
                    : Optional.of(StoredTextRedactor.load(Set.copyOf(suite.redact())));
            UnaryOperator<ModelClient> decorator = redactor.isPresent() ? UnaryOperator.identity()
                    : request.clientDecorator();
            JudgeModels judgeModels = judgeModels(backends, suite, request.backend(), decorator, judges);
            List<NamedScorer> named = new ArrayList<>();
            for (ScorerSpec spec : suite.scorers()) {
                named.add(new NamedScorer(spec.name(), scorers.create(spec, judgeModels), spec.tags()));
            }
            // The run directory is checked before the model loads: a read-only or unusable --out must not cost a
            // model load first.
            String runId = newRunId(bundle);
            if (resumed.isEmpty()) {
                RunStore.checkCanCreate(request.runsRoot().resolve(runId));
            }
            client = decorator.apply(backends.open(ModelRef.parse(bundle.model()),
                    withRecordedModel(withOutputSchema(withBase(request.backend(), prepared.bundleFile()), bundle),
                            resumed, bundle),
                    BundleLoader.modelLocation(prepared.bundleFile())));
            int repeats = request.repeats().orElse(resumed.map(RunSpec::repeats).orElse(suite.repeats()));
            int concurrency = request.concurrency().orElse(suite.concurrency());
            RunSpec spec;
            if (resumed.isPresent()) {
                spec = resumed.get();
                checkResumable(spec, prepared, client.info(), repeats, request.selection(), request.resume().get());
            } else {
                spec = newSpec(runId, suite, prepared, client.info(), repeats, concurrency, request.selection());
            }
            RunPlan plan = new RunPlan(spec, prepared.cases(), bundle, client, named, validator,
                    RetryPolicy.DEFAULT, suite.timeout(), concurrency, repeats, request.baselineOutputs(),
                    redactor, observer, request.wording());
            // The store is opened last: from here the runner owns it and releases its lock on every path.
            RunStore store;
            if (resumed.isPresent()) {
                store = RunStore.resume(request.resume().get());
                store.notes().forEach(listener::noted);
                try {
                    checkSameSelection(store.existing().caseKeys(), prepared.cases(), request.resume().get());
                } catch (RuntimeException e) {
                    store.close(); // releases the run's lock: the user may resume it rightly in this process
                    throw e;
                }
            } else {
                store = RunStore.create(request.runsRoot().resolve(spec.runId()));
            }
            return runner.run(plan, store, listener); // the runner closes the store, whatever happens
        } finally {
            if (client != null) {
                client.close();
            }
            judges.values().forEach(ModelClient::close);
        }
    }

    /**
     * Refuses a run in which no case could be evaluated (the model never answered): front ends call it after
     * writing the run's reports, so the errors are there to read, and exit with the evaluation-error code.
     */
    public static RunResult requireEvaluated(RunResult result) {
        if (result.summary().results() > 0 && result.summary().errored() == result.summary().results()) {
            everyCaseFailedInScoring(result);
            throw new EvaluationException("every case errored (first error: " + result.results().get(0).error()
                    + "); results and reports are in " + result.directory());
        }
        return result;
    }

    /**
     * When the model answered every case and a scorer threw on each, the scorer is at fault, not the model: the
     * message names it, with the first case and its error, so nobody goes looking for a model problem.
     */
    private static void everyCaseFailedInScoring(RunResult result) {
        if (result.results().stream().anyMatch(r -> r.failedScorers().isEmpty())) {
            return;
        }
        Map<String, Long> failures = new java.util.TreeMap<>();
        result.results().forEach(r -> r.failedScorers().stream().distinct()
                .forEach(name -> failures.merge(name, 1L, Long::sum)));
        List<String> everywhere = failures.entrySet().stream()
                .filter(e -> e.getValue() == result.results().size()).map(Map.Entry::getKey).toList();
        List<String> named = everywhere.isEmpty() ? List.copyOf(failures.keySet()) : everywhere;
        CaseResult first = result.results().stream().filter(r -> r.failedScorers().contains(named.get(0)))
                .findFirst().orElseThrow();
        String who = named.size() == 1 ? "scorer '" + named.get(0) + "' failed"
                : "scorers " + String.join(", ", named.stream().map(n -> "'" + n + "'").toList()) + " failed";
        throw new EvaluationException(who + " on every case" + (everywhere.isEmpty() ? " between them" : "")
                + ", so no case could be scored (first, case " + first.key() + ": " + first.error() + "). This is"
                + " an error of the scorer or of its parameters in the suite, not of the model: the model answered"
                + " every case. Results and reports are in " + result.directory());
    }

    private static JudgeModels judgeModels(ModelClients backends, Suite suite, BackendOptions options,
                                           java.util.function.UnaryOperator<ModelClient> decorator,
                                           Map<String, ModelClient> opened) {
        if (suite.judge().isEmpty()) {
            return JudgeModels.none();
        }
        JudgeSpec judge = suite.judge().get();
        // The bundle's --model override is for the model under test, never for the judge.
        BackendOptions judgeOptions = new BackendOptions(Optional.empty(), suite.file().toAbsolutePath().getParent(),
                options.cacheDirectory(), options.settings());
        return JudgeModels.of(judge, role -> opened.computeIfAbsent(role, r -> decorator.apply(backends.open(
                ModelRef.parse(judge.model()), judgeOptions, new SourceLocation(suite.file(), 0, "judge.model")))));
    }

    private static BackendOptions withBase(BackendOptions options, Path bundleFile) {
        Map<String, String> settings = new java.util.HashMap<>(BundleLoader.serverSettings(bundleFile));
        settings.putAll(options.settings());
        return new BackendOptions(options.modelOverride(), bundleFile.toAbsolutePath().getParent(),
                options.cacheDirectory(), settings);
    }

    private static BackendOptions withOutputSchema(BackendOptions options, Bundle bundle) {
        if (bundle.outputSchema().isEmpty()) {
            return options;
        }
        try {
            return options.withSetting(BackendOptions.OUTPUT_SCHEMA,
                    Json.CANONICAL.writeValueAsString(bundle.outputSchema()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a bundle's schema is plain data and always serialises", e);
        }
    }

    /** The validator, built before any model is opened; a bad schema is reported at its line in the bundle. */
    private static Optional<OutputValidator> validatorNaming(Path bundleFile, Bundle bundle) {
        try {
            return validator(bundle);
        } catch (InvalidInputException e) {
            if (e.file() != null) {
                throw e;
            }
            int line = ConfigNode.parseYaml(bundleFile).optional("output_schema").map(ConfigNode::line).orElse(0);
            throw new InvalidInputException(bundleFile, line, e.field(), e.problem(), e);
        }
    }

    static Optional<OutputValidator> validator(Bundle bundle) {
        if (bundle.outputSchema().isEmpty()) {
            return Optional.empty();
        }
        for (OutputValidatorProvider provider : ServiceLoader.load(OutputValidatorProvider.class)) {
            return Optional.of(provider.forSchema(bundle.outputSchema()));
        }
        return Optional.of(new JsonSyntaxValidator());
    }

    /**
     * A resumed run uses the model file it was started with, unless the user names one: the bundle may name a
     * catalog model that this machine would otherwise download, while the run was made with a local file.
     */
    private static BackendOptions withRecordedModel(BackendOptions options, Optional<RunSpec> resumed, Bundle bundle) {
        if (resumed.isEmpty() || options.modelOverride().isPresent()) {
            return options;
        }
        ModelInfo recorded = resumed.get().model();
        ModelRef ref = ModelRef.parse(bundle.model());
        if (!recorded.backend().equals(ref.backend())) {
            return options;
        }
        try {
            Path file = Path.of(recorded.model());
            if (file.isAbsolute() && java.nio.file.Files.isRegularFile(file)) {
                return new BackendOptions(Optional.of(file), options.baseDirectory(), options.cacheDirectory(),
                        options.settings());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // A catalog name or tag, not a file: the bundle's reference finds it again.
        }
        return options;
    }

    /** Longest bundle-id part of a run directory's name: file systems allow 255 bytes per name. */
    static final int MAX_RUN_ID_LABEL = 80;

    /**
     * {@code 20261125-101500-<bundle id>-1a2b}. A long or non-ASCII bundle id is shortened and given a digest of
     * the whole id, so the name stays short enough for any file system and still tells bundles apart.
     */
    static String newRunId(Bundle bundle) {
        String label = bundle.id().replaceAll("[^A-Za-z0-9._-]", "_");
        if (label.length() > MAX_RUN_ID_LABEL) {
            String digest = dev.evalgate.datasets.ContentHash.sha256(bundle.id()).substring(0, 8);
            label = label.substring(0, MAX_RUN_ID_LABEL - 9) + "-" + digest;
        }
        return RUN_ID_TIME.format(Instant.now()) + "-" + label
                + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    private static RunSpec newSpec(String runId, Suite suite, Prepared prepared, ModelInfo model, int repeats,
                                   int concurrency, RunSelection selection) {
        Bundle bundle = prepared.bundle();
        List<CorpusRef> corpora = new ArrayList<>();
        for (Corpus corpus : prepared.corpora()) {
            corpora.add(new CorpusRef(corpus.name(), corpus.version(), corpus.sha256(), corpus.cases().size()));
        }
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            seeds.add(bundle.params().seed() + r);
        }
        return new RunSpec(runId, suite.name(), suite.file() == null ? "" : suite.file().toAbsolutePath().toString(),
                Instant.now().toString(), EngineVersion.current(), bundle, bundle.digest(), model, corpora,
                suite.scorers(), repeats, seeds, concurrency, suite.timeout().toMillis(), hostName(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                selection, RunPricing.of(prices(suite, prepared.bundleFile()), bundle.model(), model,
                        suite.judge().map(JudgeSpec::model).orElse(null)));
    }

    /**
     * A cost budget needs prices, from the suite's {@code gate.prices} or the bundle's {@code prices:}; checked before
     * any model loads, so no run is spent on a gate that cannot be decided. Which model a table must name is checked
     * by the gate, as the backend may report the model under its own name.
     */
    private static void checkCostBudgetsPriced(Suite suite, Path bundleFile) {
        // Only a suite with a cost budget pays for reading the bundle's price table here.
        java.util.Optional<GateRule.Budget> costBudget = suite.gate().rules().stream()
                .filter(rule -> rule instanceof GateRule.Budget budget && budget.kind().needsPrices())
                .map(GateRule.Budget.class::cast).findFirst();
        if (costBudget.isPresent() && prices(suite, bundleFile).isEmpty()) {
            GateRule.Budget budget = costBudget.get();
            throw budget.location().error(null, "budget " + budget.kind().key() + " needs the price per million"
                    + " input and output tokens of the model: add it under the suite's gate.prices or the"
                    + " prices: of " + bundleFile);
        }
    }

    /** The suite's price table with the bundle's over it: for a model both name, the bundle's price wins. */
    private static Map<String, ModelPrice> prices(Suite suite, Path bundleFile) {
        Map<String, ModelPrice> prices = new java.util.LinkedHashMap<>(suite.gate().prices());
        prices.putAll(BundleLoader.prices(bundleFile));
        return prices;
    }

    /** A resumed run must finish the same evaluation it started, or its results would mix two experiments. */
    private static void checkResumable(RunSpec spec, Prepared prepared, ModelInfo model, int repeats,
                                       RunSelection selection, Path dir) {
        Path runFile = dir.resolve(RunStore.RUN_FILE);
        if (!spec.bundleDigest().equals(prepared.bundle().digest())) {
            throw new InvalidInputException(runFile, 0, "bundleDigest", "the run was started with bundle "
                    + spec.bundle().label() + " digest " + spec.bundleDigest() + " but " + prepared.bundleFile()
                    + " now has digest " + prepared.bundle().digest() + "; start a new run instead of resuming");
        }
        List<String> now = prepared.corpora().stream().map(c -> c.name() + "@" + c.sha256()).toList();
        List<String> then = spec.corpora().stream().map(c -> c.name() + "@" + c.sha256()).toList();
        if (!now.equals(then)) {
            throw new InvalidInputException(runFile, 0, "corpora", "the corpora changed since the run started ("
                    + then + " then, " + now + " now); start a new run instead of resuming");
        }
        if (!spec.model().fingerprint().isEmpty() && !spec.model().fingerprint().equals(model.fingerprint())) {
            throw new InvalidInputException(runFile, 0, "model", "the run was started with model fingerprint "
                    + spec.model().fingerprint() + " but " + model.model() + " has " + model.fingerprint());
        }
        if (spec.repeats() != repeats) {
            throw new InvalidInputException(runFile, 0, "repeats", "the run was started with " + spec.repeats()
                    + " repeats, not " + repeats);
        }
        if (!spec.selection().equals(selection)) {
            throw new AdvisedInputException(runFile, 0, "selection", Advice.text("the run was started with ")
                    .then(spec.selection().described()).then(", not ").then(selection.described())
                    .then("; resume without ").then(Setting.TIER).then(" and ").then(Setting.SHARD)
                    .then(" to finish the part it started"), null);
        }
    }

    /**
     * The run does not record its --tier and --shard, but results for cases the current selection leaves out
     * show they differ; finishing such a run would report it complete on a different set of cases.
     */
    private static void checkSameSelection(List<String> doneKeys, List<PlannedCase> planned, Path dir) {
        if (doneKeys.isEmpty()) {
            return;
        }
        // What is held is the run's keys, not the plan's: the plan is walked once, crossing off what it selects.
        Set<String> leftOut = new java.util.LinkedHashSet<>(doneKeys);
        for (PlannedCase c : planned) {
            leftOut.remove(c.key());
            if (leftOut.isEmpty()) {
                return;
            }
        }
        leftOut.stream().findFirst().ifPresent(key -> {
            throw new AdvisedInputException(dir.resolve(RunStore.RESULTS_FILE), 0, null, Advice.text("the run holds"
                    + " a result for case '" + key + "', which the cases selected now (").then(Setting.TIER)
                    .then(", ").then(Setting.SHARD).then(") leave out; resume with the ").then(Setting.TIER)
                    .then(" and ").then(Setting.SHARD).then(" the run was started with"), null);
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** A suite after loading: the bundle, its file, the verified corpora and the cases selected to run. */
    public record Prepared(EvaluationRequest request, Path bundleFile, Bundle bundle, List<Corpus> corpora,
                           List<PlannedCase> cases) {
    }
}
