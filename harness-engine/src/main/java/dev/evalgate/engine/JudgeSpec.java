package dev.evalgate.engine;

import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** The model that plays the {@code judge} role for LLM-as-judge scorers, as the suite declares it. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record JudgeSpec(String model, GenerationParams params) {
    public JudgeSpec {
        Objects.requireNonNull(model, "model");
        params = params == null ? GenerationParams.DEFAULTS : params;
    }
}
