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

/** Scorer types by name, discovered with {@link ServiceLoader}; one registry per process is enough. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class ScorerRegistry {
    private final Map<String, ScorerProvider> providers;

    private ScorerRegistry(Map<String, ScorerProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** The scorers on the class path of the thread's context class loader (which a front end may extend). */
    public static ScorerRegistry load() {
        return load(contextClassLoader());
    }

    /** The scorers {@code loader} finds: evalgate's own and those of any plugin jar it loads. */
    public static ScorerRegistry load(ClassLoader loader) {
        Map<String, ScorerProvider> found = new TreeMap<>();
        for (ScorerProvider provider : providers(loader)) {
            ScorerProvider previous = found.putIfAbsent(provider.type(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw twoProviders(provider.type(), previous, provider);
            }
        }
        return new ScorerRegistry(found);
    }

    /** This registry plus the scorers that {@code plugins} define; a plugin may add scorer types, not replace one. */
    public ScorerRegistry withPlugins(Plugins plugins) {
        if (plugins.isEmpty()) {
            return this;
        }
        Map<String, ScorerProvider> found = new TreeMap<>(providers);
        for (ScorerProvider provider : providers(plugins.classLoader(contextClassLoader()))) {
            if (!plugins.defines(provider.getClass())) {
                continue;
            }
            ScorerProvider previous = found.putIfAbsent(provider.type(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw twoProviders(provider.type(), previous, provider);
            }
        }
        return new ScorerRegistry(found);
    }

    private static List<ScorerProvider> providers(ClassLoader loader) {
        List<ScorerProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(ScorerProvider.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new InvalidInputException(null, 0, null, "a scorer provider could not be loaded: "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static InvalidInputException twoProviders(String type, ScorerProvider first, ScorerProvider second) {
        return new InvalidInputException(null, 0, null, "two scorer providers claim type '" + type + "': "
                + Plugins.origin(first.getClass()) + " and " + Plugins.origin(second.getClass())
                + "; remove one of them from the class path or the plugins");
    }

    /** The thread's context class loader, where front ends put plugin jars; evalgate's own when there is none. */
    static ClassLoader contextClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ScorerRegistry.class.getClassLoader();
    }

    public static ScorerRegistry of(ScorerProvider... providers) {
        Map<String, ScorerProvider> found = new TreeMap<>();
        for (ScorerProvider provider : providers) {
            found.put(provider.type(), provider);
        }
        return new ScorerRegistry(found);
    }

    public Map<String, ScorerProvider> providers() {
        return providers;
    }

    public boolean knows(String type) {
        return providers.containsKey(type);
    }

    public Scorer create(ScorerSpec spec, JudgeModels models) {
        ScorerProvider provider = providers.get(spec.type());
        if (provider == null) {
            throw spec.location().error("type", "unknown scorer '" + spec.type() + "'; known scorers: "
                    + String.join(", ", providers.keySet()));
        }
        return provider.create(new ScorerParams(spec), models);
    }
}
