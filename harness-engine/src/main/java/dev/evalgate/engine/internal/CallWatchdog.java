package dev.evalgate.engine.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRequest;

/**
 * The runner's guarantee that one model call cannot hold a run forever. Backends are asked to honour
 * {@link ModelRequest#timeout()} themselves and normally do; a backend that hangs anyway (a stuck socket, a native
 * call that never returns) is abandoned after the timeout plus a grace period, and its case is recorded as errored
 * so the run goes on.
 */
public final class CallWatchdog implements AutoCloseable {
    private final Duration grace;
    private final ExecutorService calls;

    public CallWatchdog(Duration grace) {
        this.grace = grace;
        AtomicInteger count = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "evalgate-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Completion call(ModelClient client, ModelRequest request) throws ModelCallException {
        Optional<Completion> atOnce = client.completeAtOnce(request);
        if (atOnce.isPresent()) {
            return atOnce.get();
        }
        Future<Completion> future = calls.submit(() -> client.complete(request));
        Duration limit = request.timeout().plus(grace);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ModelCallException("the backend did not answer within " + limit.toMillis() + " ms (timeout "
                    + request.timeout().toMillis() + " ms plus " + grace.toMillis() + " ms grace) and was abandoned",
                    false);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for the backend", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelCallException call) {
                throw call;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ModelCallException("backend failed: " + cause, false, cause);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
