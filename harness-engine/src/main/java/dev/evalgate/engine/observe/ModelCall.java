package dev.evalgate.engine.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.TraceId;

/**
 * One call of a model during a case, as a {@link RunObserver} sees it.
 *
 * @param traceId    the case the call belongs to: the trace id its result records
 * @param role       whether the model under test or a judge answered
 * @param scorer     the scorer that asked, for a judge call; empty for the model under test
 * @param model      which model answered
 * @param request    what was sent, including the prompt: observers attach it only when the user asks
 * @param start      when the call started
 * @param duration   how long the caller waited, retries excluded (each attempt is its own call)
 * @param completion what came back; empty when the call failed
 * @param error      why the call failed; empty when it succeeded
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelCall(TraceId traceId, Role role, Optional<String> scorer, ModelInfo model, ModelRequest request,
                        Instant start, Duration duration, Optional<Completion> completion, Optional<String> error) {
    public enum Role {
        MODEL, JUDGE
    }

    public ModelCall {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(role, "role");
        scorer = scorer == null ? Optional.empty() : scorer;
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        completion = completion == null ? Optional.empty() : completion;
        error = error == null ? Optional.empty() : error;
    }
}
