package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Model clients by role, handed to scorers when they are created. A scorer asks for a role ({@code judge}); which
 * model plays it is the suite's decision, never the scorer's.
 */
@FunctionalInterface
@API(status = STABLE, since = "0.1.0")
public interface JudgeModels {
    String JUDGE = "judge";

    /** Returns the client for a role, or throws an {@link dev.evalgate.datasets.InvalidInputException}. */
    ModelClient forRole(String role);

    static JudgeModels none() {
        return role -> {
            throw new dev.evalgate.datasets.InvalidInputException(null, 0, "judge",
                    "this scorer needs a model for the '" + role + "' role; declare 'judge: {model: ...}' in the"
                            + " suite");
        };
    }
}
