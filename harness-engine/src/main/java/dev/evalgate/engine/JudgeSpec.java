package dev.evalgate.engine;

import java.util.Objects;

/** The model that plays the {@code judge} role for LLM-as-judge scorers, as the suite declares it. */
public record JudgeSpec(String model, GenerationParams params) {
    public JudgeSpec {
        Objects.requireNonNull(model, "model");
        params = params == null ? GenerationParams.DEFAULTS : params;
    }
}
