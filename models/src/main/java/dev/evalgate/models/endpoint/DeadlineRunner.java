package dev.evalgate.models.endpoint;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.evalgate.engine.ModelCallException;

/**
 * Runs an HTTP exchange on a worker thread so the caller can give up at the call's deadline: the JDK client's
 * request timeout covers only the wait for the response headers, not a body that stalls halfway through a stream.
 * The worker is interrupted at the deadline, which closes the stream it reads.
 */
public final class DeadlineRunner {
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "evalgate-http-call");
        thread.setDaemon(true);
        return thread;
    });

    /** An exchange that may fail the way a model call fails. */
    @FunctionalInterface
    public interface Exchange<T> {
        T run() throws ModelCallException, InterruptedException;
    }

    private DeadlineRunner() {
    }

    /**
     * Runs the exchange and waits at most {@code timeout}; {@code what} names the server in messages ("the
     * OpenAI-compatible server at http://...").
     */
    public static <T> T within(Duration timeout, String what, Exchange<T> exchange) throws ModelCallException {
        Future<T> future = EXCHANGES.submit(exchange::run);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ModelCallException(what + " did not finish answering within the call's timeout of "
                    + timeout.toMillis() + " ms (a slow or stalled answer); raise the suite's timeout_seconds if the "
                    + "server is just slow", true, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for " + what, false, e);
        } catch (CancellationException e) {
            throw new ModelCallException("the call to " + what + " was cancelled", false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelCallException failure) {
                throw failure;
            }
            throw new ModelCallException("the call to " + what + " failed unexpectedly: " + cause, false, cause);
        }
    }
}
