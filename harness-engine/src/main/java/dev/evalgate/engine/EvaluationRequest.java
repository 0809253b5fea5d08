package dev.evalgate.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a front end asks the engine to evaluate.
 *
 * @param bundleOverride  evaluate this bundle file instead of the suite's
 * @param runsRoot        where new run directories are created ({@code runs/} by default)
 * @param resume          an unfinished run directory to complete instead of starting a new run
 * @param repeats         overrides the suite's repeats when present
 * @param concurrency     overrides the suite's concurrency when present
 * @param caseSelection   narrows the cases (a tier, a shard); every case by default
 * @param clientDecorator wraps the opened model client (the inference cache); identity by default
 * @param baselineOutputs the baseline's output by case key, for pairwise judges
 * @param selection       the tier and shard behind {@code caseSelection}, recorded in the run
 * @param wording         how the front end names settings in the advice the run writes (a case error)
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record EvaluationRequest(Suite suite, Optional<Path> bundleOverride, Path runsRoot, Optional<Path> resume,
                                Optional<Integer> repeats, Optional<Integer> concurrency, BackendOptions backend,
                                CaseSelection caseSelection,
                                UnaryOperator<ModelClient> clientDecorator, BaselineOutputs baselineOutputs,
                                RunSelection selection, Wording wording) {
    public EvaluationRequest {
        wording = wording == null ? Wording.ENGINE : wording;
        selection = selection == null ? RunSelection.NONE : selection;
        Objects.requireNonNull(suite, "suite");
        bundleOverride = bundleOverride == null ? Optional.empty() : bundleOverride;
        runsRoot = runsRoot == null ? Path.of("runs") : runsRoot;
        resume = resume == null ? Optional.empty() : resume;
        repeats = repeats == null ? Optional.empty() : repeats;
        concurrency = concurrency == null ? Optional.empty() : concurrency;
        Objects.requireNonNull(backend, "backend");
        caseSelection = caseSelection == null ? CaseSelection.ALL : caseSelection;
        clientDecorator = clientDecorator == null ? UnaryOperator.identity() : clientDecorator;
        baselineOutputs = baselineOutputs == null ? BaselineOutputs.NONE : baselineOutputs;
    }

    /** A request whose advice is in the engine's own words. */
    public EvaluationRequest(Suite suite, Optional<Path> bundleOverride, Path runsRoot, Optional<Path> resume,
                             Optional<Integer> repeats, Optional<Integer> concurrency, BackendOptions backend,
                             CaseSelection caseSelection,
                             UnaryOperator<ModelClient> clientDecorator, BaselineOutputs baselineOutputs,
                             RunSelection selection) {
        this(suite, bundleOverride, runsRoot, resume, repeats, concurrency, backend, caseSelection, clientDecorator,
                baselineOutputs, selection, Wording.ENGINE);
    }

    /** A request whose case selection, if any, is not recorded as a tier or shard. */
    public EvaluationRequest(Suite suite, Optional<Path> bundleOverride, Path runsRoot, Optional<Path> resume,
                             Optional<Integer> repeats, Optional<Integer> concurrency, BackendOptions backend,
                             CaseSelection caseSelection,
                             UnaryOperator<ModelClient> clientDecorator, BaselineOutputs baselineOutputs) {
        this(suite, bundleOverride, runsRoot, resume, repeats, concurrency, backend, caseSelection, clientDecorator,
                baselineOutputs, RunSelection.NONE);
    }

    /** The simplest request: run a suite as written, new run under {@code runsRoot}. */
    public static EvaluationRequest of(Suite suite, Path runsRoot, BackendOptions backend) {
        return new EvaluationRequest(suite, Optional.empty(), runsRoot, Optional.empty(), Optional.empty(),
                Optional.empty(), backend, null, null, null);
    }

    public EvaluationRequest withResume(Path runDirectory) {
        return new EvaluationRequest(suite, bundleOverride, runsRoot, Optional.of(runDirectory), repeats,
                concurrency, backend, caseSelection, clientDecorator, baselineOutputs, selection, wording);
    }

    public EvaluationRequest withBundle(Path bundle) {
        return new EvaluationRequest(suite, Optional.of(bundle), runsRoot, resume, repeats, concurrency, backend,
                caseSelection, clientDecorator, baselineOutputs, selection, wording);
    }
}
