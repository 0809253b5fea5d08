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
 * never floods a server that would only queue them. Clients that give a server the same bound share it; a
 * client that gives another bound (a service file edited since, in a JVM that outlives a run: a resident evalgate, a
 * JUnit run in an IDE) gets that bound, as it would in a JVM of its own, not the first one's.
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
        return BY_ENDPOINT.computeIfAbsent(endpoint + " " + limit, key -> new EndpointPermits(limit));
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
