package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import dev.evalgate.datasets.EvalCase;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** A case as the runner schedules it: where it came from and its position in the run. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record PlannedCase(int index, String corpus, EvalCase evalCase) {
    public PlannedCase {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(evalCase, "evalCase");
    }

    /** The same identity {@link CaseResult#key()} gives the case's results. */
    public String key() {
        return corpus.isEmpty() ? evalCase.id() : corpus + "/" + evalCase.id();
    }
}
