package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Service-provider interface for a scorer type ({@code META-INF/services/dev.evalgate.engine.ScorerProvider}).
 * Suites refer to scorers by {@link #type()} and pass parameters the provider validates.
 */
@API(status = STABLE, since = "0.1.0")
public interface ScorerProvider {

    /** The name a suite uses, such as {@code valid-json} or {@code regex}. */
    String type();

    /** One line for {@code evalgate scorers}: what the scorer checks. */
    default String description() {
        return type();
    }

    /**
     * Creates a scorer. Parameter mistakes are reported through {@link ScorerParams#error}, which names the suite
     * file, line and parameter.
     */
    Scorer create(ScorerParams params, JudgeModels models);
}
