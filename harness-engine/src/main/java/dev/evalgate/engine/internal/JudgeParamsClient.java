package dev.evalgate.engine.internal;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;

/**
 * Gives every call of the judge model the sampling parameters the suite chose for the judge role (temperature,
 * seed, top-p, stop sequences), whatever a scorer put in its request: how a judge samples is part of the suite's
 * experiment, not of a scorer's code. The reply budget stays the request's: a scorer's own {@code max_tokens} is
 * checked when it is created and must not be replaced afterwards (its default is the suite's, see
 * {@link dev.evalgate.engine.JudgeModels#sampling}).
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
        GenerationParams sampled = new GenerationParams(params.temperature(), params.seed(),
                request.params().maxTokens(), params.topP(), params.stop());
        return delegate.complete(new ModelRequest(request.system(), request.messages(), sampled, request.timeout(),
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
