package dev.evalgate.engine;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Scorer types by name, discovered with {@link ServiceLoader}; one registry per process is enough. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class ScorerRegistry {
    private final Map<String, ScorerProvider> providers;

    private ScorerRegistry(Map<String, ScorerProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    public static ScorerRegistry load() {
        Map<String, ScorerProvider> found = new TreeMap<>();
        for (ScorerProvider provider : ServiceLoader.load(ScorerProvider.class)) {
            ScorerProvider previous = found.putIfAbsent(provider.type(), provider);
            if (previous != null) {
                throw new IllegalStateException("two scorer providers claim type '" + provider.type() + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return new ScorerRegistry(found);
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
