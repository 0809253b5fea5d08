package dev.evalgate.engine;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Backends by name, discovered with {@link ServiceLoader}. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class ModelClients {
    private final Map<String, ModelClientProvider> providers;

    private ModelClients(Map<String, ModelClientProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    public static ModelClients load() {
        Map<String, ModelClientProvider> found = new TreeMap<>();
        for (ModelClientProvider provider : ServiceLoader.load(ModelClientProvider.class)) {
            found.putIfAbsent(provider.backend(), provider);
        }
        return new ModelClients(found);
    }

    public static ModelClients of(ModelClientProvider... providers) {
        Map<String, ModelClientProvider> found = new TreeMap<>();
        for (ModelClientProvider provider : providers) {
            found.put(provider.backend(), provider);
        }
        return new ModelClients(found);
    }

    public Map<String, ModelClientProvider> providers() {
        return providers;
    }

    public boolean knows(String backend) {
        return providers.containsKey(backend);
    }

    /**
     * Opens a client for a reference; {@code where} locates the reference in its file for the error when the
     * backend is unknown.
     */
    public ModelClient open(ModelRef ref, BackendOptions options, SourceLocation where) {
        ModelClientProvider provider = providers.get(ref.backend());
        if (provider == null) {
            throw where.error(null, "unknown backend '" + ref.backend() + "' in '" + ref + "'; known backends: "
                    + String.join(", ", providers.keySet()));
        }
        try {
            return provider.open(ref, options);
        } catch (InvalidInputException e) {
            // A backend refusing the reference itself knows no file: the error points at where it was written.
            if (e.file() == null && "model".equals(e.field()) && where.file() != null) {
                throw new InvalidInputException(where.file(), where.line(),
                        where.path().isEmpty() ? null : where.path(), e.problem(), e);
            }
            throw e;
        }
    }
}
