package dev.evalgate.engine.internal;

import java.time.Duration;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.SutRequest;
import dev.evalgate.engine.SystemUnderTest;

/** A {@link SystemUnderTest} seen as a model: each call is one {@code respond}, timed. */
final class JavaSystemClient implements ModelClient {
    private final SystemUnderTest system;
    private final ModelInfo info;

    JavaSystemClient(SystemUnderTest system, ModelInfo info) {
        this.system = system;
        this.info = info;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** Whether the system repeats itself for a seed is the system's business; the report should not promise it. */
    @Override
    public boolean honoursSeed() {
        return false;
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        long started = System.nanoTime();
        String output;
        try {
            output = system.respond(new SutRequest(request.lastUserMessage(), request.system(), request.messages(),
                    request.params(), request.traceId()));
        } catch (ModelCallException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while " + info.model() + " was answering", false, e);
        } catch (Exception e) {
            throw new ModelCallException(info.model() + " failed: " + e, false, e);
        }
        if (output == null) {
            throw new ModelCallException(info.model() + " answered null; return the answer as a string", false);
        }
        return new Completion(output, 0, 0, Duration.ofNanos(System.nanoTime() - started), null, "stop");
    }

    @Override
    public void close() {
        if (system instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing is best effort: the run's results are already written.
            }
        }
    }
}
