package dev.evalgate.engine;

/**
 * Scores one output. Scorers are pure functions of their context and parameters: a scorer never chooses a model;
 * an LLM judge receives the client for the {@code judge} role from {@link JudgeModels} when it is created.
 * Implementations must be safe to call from several threads.
 */
@FunctionalInterface
public interface Scorer {

    Score score(ScoringContext context);
}
