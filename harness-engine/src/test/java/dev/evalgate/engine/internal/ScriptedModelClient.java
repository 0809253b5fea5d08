package dev.evalgate.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;

/**
 * A model whose answers the test decides: the engine's tests need exact control over outputs and failures, which
 * no real model gives. Records every request it receives.
 */
final class ScriptedModelClient implements ModelClient {
    /** What the script does for one request: return text, or throw. */
    @FunctionalInterface
    interface Script {
        String answer(ModelRequest request, int callNumber) throws ModelCallException;
    }

    private final Script script;
    private final int maxConcurrency;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());
    volatile long delayMillis;

    ScriptedModelClient(Script script, int maxConcurrency) {
        this.script = script;
        this.maxConcurrency = maxConcurrency;
    }

    static ScriptedModelClient answering(Function<ModelRequest, String> answer) {
        return new ScriptedModelClient((request, n) -> answer.apply(request), Integer.MAX_VALUE);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("scripted", "scripted-model", "fingerprint-1", 7);
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            requests.add(request);
            int n = calls.incrementAndGet();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String text = script.answer(request, n);
            return new Completion(text, 10, text.length(), Duration.ofMillis(5), Duration.ofMillis(1), "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted", false);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public int maxConcurrency() {
        return maxConcurrency;
    }

    int calls() {
        return calls.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
