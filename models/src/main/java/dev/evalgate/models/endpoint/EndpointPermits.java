package dev.evalgate.models.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the calls in flight against one server (Ollama, an OpenAI-compatible server, a team's own service) across
 * every client of this process (the model under test and a judge on the same server share the bound), so a run
 * never floods a server that would only queue them. The first client to name a server sets its bound.
 */
public final class EndpointPermits {
    private static final Map<String, EndpointPermits> BY_ENDPOINT = new ConcurrentHashMap<>();

    private final Semaphore permits;
    private final int limit;

    private EndpointPermits(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    public static EndpointPermits forEndpoint(URI endpoint, int limit) {
        return BY_ENDPOINT.computeIfAbsent(endpoint.toString(), key -> new EndpointPermits(limit));
    }

    public int limit() {
        return limit;
    }

    /** Waits at most {@code patience} for a slot; false when none came free in time. */
    public boolean acquire(Duration patience) throws InterruptedException {
        return permits.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void release() {
        permits.release();
    }
}
