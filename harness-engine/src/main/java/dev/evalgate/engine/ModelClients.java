package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
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

    /** The backends on the class path of the thread's context class loader (which a front end may extend). */
    public static ModelClients load() {
        return load(ScorerRegistry.contextClassLoader());
    }

    /** The backends {@code loader} finds: evalgate's own and those of any plugin jar it loads. */
    public static ModelClients load(ClassLoader loader) {
        Map<String, ModelClientProvider> found = new TreeMap<>();
        for (ModelClientProvider provider : providers(loader)) {
            found.putIfAbsent(provider.backend(), provider);
        }
        return new ModelClients(found);
    }

    /** These backends plus those that {@code plugins} define; a plugin may add a backend, not replace one. */
    public ModelClients withPlugins(Plugins plugins) {
        if (plugins.isEmpty()) {
            return this;
        }
        Map<String, ModelClientProvider> found = new TreeMap<>(providers);
        ClassLoader pluginLoader = plugins.classLoader(ScorerRegistry.contextClassLoader());
        // A java: system under test may live in the plugin jars, which the context class loader does not see; the
        // backends are asked rather than recognised by type, so one wrapped by the inference cache still sees them.
        found.replaceAll((backend, provider) -> provider.seeingClasses(pluginLoader));
        for (ModelClientProvider provider : providers(pluginLoader)) {
            if (!plugins.defines(provider.getClass())) {
                continue;
            }
            ModelClientProvider previous = found.putIfAbsent(provider.backend(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw new InvalidInputException(null, 0, null, "two backends are named '" + provider.backend()
                        + "': " + Plugins.origin(previous.getClass()) + " and " + Plugins.origin(provider.getClass())
                        + "; remove one of them from the plugins");
            }
        }
        return new ModelClients(found);
    }

    private static List<ModelClientProvider> providers(ClassLoader loader) {
        List<ModelClientProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(ModelClientProvider.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidInputException(null, 0, null, "a backend provider could not be loaded: "
                    + e.getMessage(), e);
        }
        return found;
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
