package dev.evalgate.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.evalgate.engine.internal.JudgeParamsClient;

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

    /**
     * How the judge samples: temperature, seed and the reply budget a scorer gets unless it sets its own
     * {@code max_tokens}. The suite's {@code judge:} section decides it, the same in a gating run and in
     * {@code judges calibrate}.
     */
    default GenerationParams sampling() {
        return GenerationParams.DEFAULTS;
    }

    /**
     * The judge a suite declares: each role's client (opened once, by {@code open}) samples every call with the
     * judge's temperature and seed, whatever a scorer put in its request, and keeps the scorer's reply budget.
     */
    static JudgeModels of(JudgeSpec judge, Function<String, ModelClient> open) {
        Map<String, ModelClient> opened = new ConcurrentHashMap<>();
        return new JudgeModels() {
            @Override
            public ModelClient forRole(String role) {
                return opened.computeIfAbsent(role, r -> new JudgeParamsClient(open.apply(r), judge.params()));
            }

            @Override
            public GenerationParams sampling() {
                return judge.params();
            }
        };
    }

    static JudgeModels none() {
        return role -> {
            throw new dev.evalgate.datasets.InvalidInputException(null, 0, "judge",
                    "this scorer needs a model for the '" + role + "' role; declare 'judge: {model: ...}' in the"
                            + " suite");
        };
    }
}
