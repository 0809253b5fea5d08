package dev.evalgate.engine.internal;

import java.time.Duration;

/**
 * How often and how patiently the runner retries a model call that failed transiently (connection refused,
 * HTTP 5xx): exponential backoff from {@code initialBackoff}, at most {@code maxRetries} extra attempts.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(500), 2.0);
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1.0);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    public Duration backoff(int attempt) {
        return Duration.ofNanos((long) (initialBackoff.toNanos() * Math.pow(multiplier, attempt)));
    }
}
