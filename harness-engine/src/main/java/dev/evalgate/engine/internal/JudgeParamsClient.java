package dev.evalgate.engine.internal;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;

/**
 * Gives every call of the judge model the sampling parameters the suite chose for the judge role (temperature,
 * seed, max tokens), whatever a scorer put in its request: how a judge samples is part of the suite's experiment,
 * not of a scorer's code.
 */
public final class JudgeParamsClient implements ModelClient {
    private final ModelClient delegate;
    private final GenerationParams params;

    public JudgeParamsClient(ModelClient delegate, GenerationParams params) {
        this.delegate = delegate;
        this.params = params;
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        return delegate.complete(new ModelRequest(request.system(), request.messages(), params, request.timeout(),
                request.traceId()));
    }

    @Override
    public int maxConcurrency() {
        return delegate.maxConcurrency();
    }

    @Override
    public boolean honoursSeed() {
        return delegate.honoursSeed();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
