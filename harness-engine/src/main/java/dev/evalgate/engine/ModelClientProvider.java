package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

/**
 * Service-provider interface for a backend ({@code META-INF/services/dev.evalgate.engine.ModelClientProvider}).
 * The provider whose {@link #backend()} equals a {@link ModelRef#backend()} opens clients for it.
 */
@API(status = STABLE, since = "0.1.0")
public interface ModelClientProvider {

    String backend();

    /** One line for {@code --version} and help: what the backend is and which runtime version it uses. */
    default String description() {
        return backend();
    }

    /**
     * Opens a client, loading or checking the model. Throws {@link dev.evalgate.datasets.InvalidInputException}
     * for a model reference that cannot be right, {@link EvaluationException} for one that cannot be reached.
     */
    ModelClient open(ModelRef ref, BackendOptions options);

    /**
     * This backend, finding the classes a model reference names through {@code loader} as well: a suite's or the
     * command line's plugin jars may hold them (a {@code java:} system under test), and the class path does not.
     * Backends that load no classes by name keep the default. A provider that wraps another must pass it on.
     */
    @API(status = EXPERIMENTAL, since = "0.2.0")
    default ModelClientProvider seeingClasses(ClassLoader loader) {
        return this;
    }
}
