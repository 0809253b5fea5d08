package dev.evalgate.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
 * {@link dev.evalgate.engine.JudgeModels#sampling}). Each call is counted against the case and scorer being
 * evaluated ({@link CaseScope}).
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
        ModelRequest sent = new ModelRequest(request.system(), request.messages(), sampled, request.timeout(),
                request.traceId(), request.input());
        Optional<CaseScope> scope = CaseScope.current();
        if (scope.isEmpty()) {
            return delegate.complete(sent);
        }
        Instant start = Instant.now();
        long began = System.nanoTime();
        try {
            Completion completion = delegate.complete(sent);
            scope.get().judgeCalled(delegate.info(), sent, start, Duration.ofNanos(System.nanoTime() - began),
                    completion, null);
            return completion;
        } catch (ModelCallException | RuntimeException e) {
            scope.get().judgeCalled(delegate.info(), sent, start, Duration.ofNanos(System.nanoTime() - began), null,
                    e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
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
