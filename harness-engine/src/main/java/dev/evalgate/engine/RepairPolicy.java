package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The self-correction loop a bundle declares: an output that fails the bundle's output schema goes back to the
 * model with the validation error at most {@code maxRetries} times, then {@code fallback} is used as the output.
 *
 * @param fallback the deterministic output used when every attempt failed; null means keep the last attempt
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record RepairPolicy(int maxRetries, String fallback) {
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final RepairPolicy NONE = new RepairPolicy(0, null);

    public RepairPolicy {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 10, was " + maxRetries);
        }
    }
}
