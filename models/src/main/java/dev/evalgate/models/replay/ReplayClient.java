package dev.evalgate.models.replay;

import java.time.Duration;
import java.util.Optional;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.TraceId;

/**
 * Serves outputs recorded elsewhere, matched by case (and repeat when recorded): score-only runs, and a backend
 * that every test can use without a model.
 */
public final class ReplayClient implements ModelClient {
    private final ModelInfo info;
    private final ReplayIndex recorded;

    ReplayClient(ModelInfo info, ReplayIndex recorded) {
        this.info = info;
        this.recorded = recorded;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        TraceId trace = TraceId.parse(request.traceId()).orElseThrow(() -> new ModelCallException(
                "the replay backend serves recorded outputs by case; this call has no case (trace id '"
                        + request.traceId() + "')", false));
        Optional<RecordedOutput> found = find(trace.caseKey(), trace.repeat());
        if (found.isEmpty()) {
            int slash = trace.caseKey().indexOf('/');
            if (slash > 0) {
                found = find(trace.caseKey().substring(slash + 1), trace.repeat());
            }
        }
        RecordedOutput recorded = found.orElseThrow(() -> new ModelCallException("no recorded output for case '"
                + trace.caseKey() + "' repeat " + trace.repeat() + " in " + info.model(), false));
        return new Completion(recorded.output(), recorded.promptTokens(), recorded.completionTokens(),
                Duration.ofNanos((long) (recorded.latencyMs() * 1e6)), null, "stop");
    }

    /** Every answer is recorded: served on the caller's thread, with no watchdog between. */
    @Override
    public Optional<Completion> completeAtOnce(ModelRequest request) throws ModelCallException {
        return Optional.of(complete(request));
    }

    private Optional<RecordedOutput> find(String caseId, int repeat) {
        return recorded.find(caseId, repeat);
    }
}
