package dev.evalgate.engine;

import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.datasets.EvalCase;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Everything a scorer may look at: the case, the request that was sent (system prompt and rendered prompt), the
 * output, and the baseline's output for the same case when a pairwise judge needs it.
 */
@API(status = STABLE, since = "0.1.0")
public record ScoringContext(EvalCase evalCase, ModelRequest request, String output,
                             Optional<String> baselineOutput) {
    public ScoringContext {
        Objects.requireNonNull(evalCase, "evalCase");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
        baselineOutput = baselineOutput == null ? Optional.empty() : baselineOutput;
    }

    public static ScoringContext of(EvalCase evalCase, ModelRequest request, String output) {
        return new ScoringContext(evalCase, request, output, Optional.empty());
    }
}
