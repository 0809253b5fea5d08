package dev.evalgate.engine;

import org.apiguardian.api.API;

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
}
