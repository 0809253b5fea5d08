package dev.evalgate.engine;

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

    /** How many calls this client serves at once; the runner never exceeds it. */
    /**
     * The case input variables this client sends beside the rendered messages (an HTTP service's body template may
     * name {@code {{input.question}}}), so the inference cache keys by them too; none by default, since a model
     * sees only its messages.
     */
    default java.util.Map<String, Object> inputRead(ModelRequest request) {
        return java.util.Map.of();
    }

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
