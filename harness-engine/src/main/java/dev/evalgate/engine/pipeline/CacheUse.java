package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.cache.CacheStats;
import dev.evalgate.engine.cache.CachingModelClient;
import dev.evalgate.engine.cache.CassetteBackends;
import dev.evalgate.engine.cache.InferenceStore;

/** The inference cache of one pipeline call: wraps the backends and every client opened, and sums what it did. */
final class CacheUse {
    private final CacheMode mode;
    private final Path directory;
    private final List<CachingModelClient> opened = new CopyOnWriteArrayList<>();

    CacheUse(CacheSettings settings, BackendOptions backend) {
        this.mode = settings.mode();
        this.directory = settings.directory(backend);
    }

    /**
     * The backends as the cache sees them: recording notes which model served each reference, and replay opens no
     * backend for a recorded one (cassettes replay without the model file or the Ollama server).
     */
    ModelClients backends(ModelClients loaded) {
        return mode == CacheMode.OFF ? loaded : CassetteBackends.wrap(loaded, new InferenceStore(directory), mode);
    }

    /**
     * Wraps every client the run opens with the cache. Replay clients are left alone: they already serve recorded
     * outputs, by case rather than by prompt, so caching them could only mix two cases up.
     */
    UnaryOperator<ModelClient> decorator() {
        if (mode == CacheMode.OFF) {
            return UnaryOperator.identity();
        }
        InferenceStore store = new InferenceStore(directory);
        return client -> {
            if (client.info().backend().equals("replay")) {
                return client;
            }
            CachingModelClient cached = new CachingModelClient(client, store, mode);
            opened.add(cached);
            return cached;
        };
    }

    /** What the cache did, or empty when no client went through it. */
    Optional<CacheSummary> summary() {
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        long hits = 0;
        long calls = 0;
        long recorded = 0;
        long failures = 0;
        String firstFailure = "";
        for (CachingModelClient client : opened) {
            CacheStats stats = client.stats();
            hits += stats.hits();
            calls += stats.modelCalls();
            recorded += stats.recorded();
            failures += stats.writeFailures();
            firstFailure = firstFailure.isEmpty() ? stats.firstWriteError() : firstFailure;
        }
        return Optional.of(new CacheSummary(mode, directory,
                new CacheStats(hits, calls, recorded, failures, firstFailure)));
    }
}
