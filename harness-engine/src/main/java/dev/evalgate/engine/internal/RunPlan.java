package dev.evalgate.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.OutputValidator;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Wording;
import dev.evalgate.engine.observe.RunObserver;
import dev.evalgate.engine.observe.RunObservers;

/**
 * Everything the {@link Runner} needs, already loaded and validated.
 *
 * @param validator       set when the bundle declares an output schema: drives the repair loop
 * @param baselineOutputs the baseline's output by case key, for pairwise judges (none without a baseline)
 * @param redactor        set when the suite asks to redact: masks each result after scoring, before it is stored
 * @param observer        hears of the run, its cases and their model and judge calls (telemetry)
 * @param wording         how the front end names settings in the advice a case error gives
 */
public record RunPlan(RunSpec spec, List<PlannedCase> cases, Bundle bundle, ModelClient client,
                      List<NamedScorer> scorers, Optional<OutputValidator> validator, RetryPolicy retry,
                      Duration timeout, int concurrency, int repeats, BaselineOutputs baselineOutputs,
                      Optional<StoredTextRedactor> redactor, RunObserver observer, Wording wording) {
    public RunPlan {
        wording = wording == null ? Wording.ENGINE : wording;
        Objects.requireNonNull(spec, "spec");
        // A planned list reads its cases from the corpora on demand; copying it would hold them all.
        cases = cases instanceof PlannedCases ? cases : List.copyOf(cases);
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(client, "client");
        scorers = List.copyOf(scorers);
        validator = validator == null ? Optional.empty() : validator;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        timeout = timeout == null ? ModelRequest.DEFAULT_TIMEOUT : timeout;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
        baselineOutputs = baselineOutputs == null ? BaselineOutputs.NONE : baselineOutputs;
        redactor = redactor == null ? Optional.empty() : redactor;
        // An observer's failure must never reach a case: a bare observer is wrapped to turn it into a warning.
        observer = observer == null ? RunObserver.NONE : observer == RunObserver.NONE
                || observer instanceof RunObservers ? observer : RunObservers.of(
                Map.of(observer.getClass().getName(), observer), w -> System.err.println("warning: " + w));
    }

    /** A plan whose case errors give advice in the engine's own words. */
    public RunPlan(RunSpec spec, List<PlannedCase> cases, Bundle bundle, ModelClient client,
                   List<NamedScorer> scorers, Optional<OutputValidator> validator, RetryPolicy retry,
                   Duration timeout, int concurrency, int repeats, BaselineOutputs baselineOutputs,
                   Optional<StoredTextRedactor> redactor, RunObserver observer) {
        this(spec, cases, bundle, client, scorers, validator, retry, timeout, concurrency, repeats, baselineOutputs,
                redactor, observer, Wording.ENGINE);
    }

    /** A plan nobody observes. */
    public RunPlan(RunSpec spec, List<PlannedCase> cases, Bundle bundle, ModelClient client,
                   List<NamedScorer> scorers, Optional<OutputValidator> validator, RetryPolicy retry,
                   Duration timeout, int concurrency, int repeats, BaselineOutputs baselineOutputs,
                   Optional<StoredTextRedactor> redactor) {
        this(spec, cases, bundle, client, scorers, validator, retry, timeout, concurrency, repeats, baselineOutputs,
                redactor, RunObserver.NONE);
    }

    /** A plan that stores results as they are. */
    public RunPlan(RunSpec spec, List<PlannedCase> cases, Bundle bundle, ModelClient client,
                   List<NamedScorer> scorers, Optional<OutputValidator> validator, RetryPolicy retry,
                   Duration timeout, int concurrency, int repeats, BaselineOutputs baselineOutputs) {
        this(spec, cases, bundle, client, scorers, validator, retry, timeout, concurrency, repeats, baselineOutputs,
                Optional.empty());
    }

    public int totalResults() {
        return cases.size() * repeats;
    }
}
