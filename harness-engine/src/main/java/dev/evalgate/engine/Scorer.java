package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Scores one output. Scorers are pure functions of their context and parameters: a scorer never chooses a model;
 * an LLM judge receives the client for the {@code judge} role from {@link JudgeModels} when it is created.
 * Implementations must be safe to call from several threads.
 */
@FunctionalInterface
@API(status = STABLE, since = "0.1.0")
public interface Scorer {

    Score score(ScoringContext context);
}
