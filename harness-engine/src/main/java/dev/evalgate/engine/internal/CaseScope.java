package dev.evalgate.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.TraceId;
import dev.evalgate.engine.observe.ModelCall;
import dev.evalgate.engine.observe.RunObserver;

/**
 * The case a worker thread is evaluating. Judges are called by scorers, which know nothing of the case; the judge
 * client finds the case here, so each judge call is counted against the scorer that made it (its tokens and cost)
 * and reported to the run's observer under the case's trace id.
 */
public final class CaseScope implements AutoCloseable {
    private static final ThreadLocal<CaseScope> CURRENT = new ThreadLocal<>();

    private final TraceId traceId;
    private final RunObserver observer;
    private final UnaryOperator<String> mask;
    private final Map<String, CallStats> judgeStats = new LinkedHashMap<>();
    private String scorer;

    private CaseScope(TraceId traceId, RunObserver observer, UnaryOperator<String> mask) {
        this.traceId = traceId;
        this.observer = observer;
        this.mask = mask;
    }

    /**
     * Marks the current thread as evaluating {@code traceId} until {@link #close()}.
     *
     * @param mask applied to every prompt and output handed to the observer: a suite that redacts what it stores
     *             must not export the raw text either
     */
    public static CaseScope enter(TraceId traceId, RunObserver observer, UnaryOperator<String> mask) {
        CaseScope scope = new CaseScope(traceId, observer, mask);
        CURRENT.set(scope);
        return scope;
    }

    public static Optional<CaseScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The scorer now running: judge calls from here on are its own. */
    public void scoring(String scorerName) {
        this.scorer = scorerName;
    }

    /** Usage of the judge calls each scorer made, by scorer name. */
    public Map<String, CallStats> judgeStats() {
        return Map.copyOf(judgeStats);
    }

    void judgeCalled(ModelInfo model, ModelRequest request, Instant start, Duration duration, Completion completion,
                     String error) {
        String by = scorer == null ? "" : scorer;
        if (completion != null) {
            CallStats before = judgeStats.get(by);
            judgeStats.put(by, before == null ? CallStats.of(completion) : before.plus(completion));
        }
        notify(new ModelCall(traceId, ModelCall.Role.JUDGE, Optional.ofNullable(scorer), model, request, start,
                duration, Optional.ofNullable(completion), Optional.ofNullable(error)));
    }

    /** Hands a call to the observer; an observer's failure never reaches the case. */
    public void notify(ModelCall call) {
        if (observer == RunObserver.NONE) {
            return;
        }
        try {
            observer.modelCalled(masked(call));
        } catch (RuntimeException e) {
            // RunObservers already warned and dropped the failing observer.
        }
    }

    private ModelCall masked(ModelCall call) {
        ModelRequest request = call.request();
        List<ChatMessage> messages = request.messages().stream()
                .map(m -> new ChatMessage(m.role(), mask.apply(m.content()))).toList();
        ModelRequest maskedRequest = new ModelRequest(mask.apply(request.system()), messages, request.params(),
                request.timeout(), request.traceId());
        Optional<Completion> completion = call.completion().map(c -> new Completion(mask.apply(c.text()),
                c.promptTokens(), c.completionTokens(), c.latency(), c.timeToFirstToken(), c.finishReason(),
                c.cached()));
        return new ModelCall(call.traceId(), call.role(), call.scorer(), call.model(), maskedRequest, call.start(),
                call.duration(), completion, call.error().map(mask));
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
