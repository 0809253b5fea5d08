package dev.evalgate.engine;

import java.util.Optional;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * A model that turns a request into a completion. Implementations live in the {@code models} module, one vendor
 * SDK per package; the engine only knows this interface.
 */
@API(status = STABLE, since = "0.1.0")
public interface ModelClient extends AutoCloseable {

    ModelInfo info();

    /**
     * Generates one completion. Implementations honour {@link ModelRequest#timeout()} and throw
     * {@link ModelCallException} with {@code transient} set when a retry may succeed.
     */
    Completion complete(ModelRequest request) throws ModelCallException;

    /**
     * Answers at once when the answer is already at hand (recorded in a file, cached), empty when a model must be
     * asked through {@link #complete}. The runner tries this on its own thread first: {@link #complete} runs on a
     * watchdog's thread so that a backend that hangs can be abandoned, and the switch there and back costs more
     * than reading a recorded answer. An implementation must not wait here for a model, a network or a slow lock.
     */
    default Optional<Completion> completeAtOnce(ModelRequest request) throws ModelCallException {
        return Optional.empty();
    }

    /**
     * The case input variables this client sends beside the rendered messages (an HTTP service's body template may
     * name {@code {{input.question}}}), so the inference cache keys by them too; none by default, since a model
     * sees only its messages.
     */
    default java.util.Map<String, Object> inputRead(ModelRequest request) {
        return java.util.Map.of();
    }

    /** How many calls this client serves at once; the runner never exceeds it. */
    default int maxConcurrency() {
        return Integer.MAX_VALUE;
    }

    /** Whether the backend repeats itself for the same seed (lets the report say what repeats measure). */
    default boolean honoursSeed() {
        return true;
    }

    @Override
    default void close() {
    }
}
