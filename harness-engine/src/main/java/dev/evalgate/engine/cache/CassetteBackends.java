package dev.evalgate.engine.cache;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Setting;

/**
 * Backends as seen through an inference store. Recording notes which model served each reference in
 * {@link RecordedModels}; replaying opens no backend at all for a reference recorded there, so cassettes replay in
 * CI without the model file, the network or an Ollama server. A reference never recorded opens its backend as
 * usual (its requests then still come only from the store).
 */
public final class CassetteBackends {
    private CassetteBackends() {
    }

    public static ModelClients wrap(ModelClients backends, InferenceStore store, CacheMode mode) {
        if (mode == CacheMode.OFF) {
            return backends;
        }
        RecordedModels recorded = new RecordedModels(store);
        List<ModelClientProvider> wrapped = new ArrayList<>();
        for (ModelClientProvider provider : backends.providers().values()) {
            wrapped.add(mode == CacheMode.REPLAY ? new Replaying(provider, recorded) : new Recording(provider, recorded));
        }
        return ModelClients.of(wrapped.toArray(ModelClientProvider[]::new));
    }

    private record Recording(ModelClientProvider delegate, RecordedModels recorded) implements ModelClientProvider {
        @Override
        public String backend() {
            return delegate.backend();
        }

        @Override
        public ModelClientProvider seeingClasses(ClassLoader loader) {
            return new Recording(delegate.seeingClasses(loader), recorded);
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public ModelClient open(ModelRef ref, BackendOptions options) {
            ModelClient client = delegate.open(ref, options);
            try {
                recorded.remember(ref, client.info());
            } catch (UncheckedIOException e) {
                // The entries are still written; only offline replay of this model will need the backend.
            }
            return client;
        }
    }

    private record Replaying(ModelClientProvider delegate, RecordedModels recorded) implements ModelClientProvider {
        @Override
        public String backend() {
            return delegate.backend();
        }

        @Override
        public ModelClientProvider seeingClasses(ClassLoader loader) {
            return new Replaying(delegate.seeingClasses(loader), recorded);
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public ModelClient open(ModelRef ref, BackendOptions options) {
            Optional<ModelInfo> info = recorded.find(ref);
            return info.isPresent() ? new RecordedModelClient(info.get(), ref, recorded) : delegate.open(ref, options);
        }
    }

    /** Stands for a recorded model during replay: it has an identity but never answers. */
    private record RecordedModelClient(ModelInfo info, ModelRef ref, RecordedModels recorded) implements ModelClient {
        @Override
        public Completion complete(ModelRequest request) throws ModelCallException {
            throw new ModelCallException(Advice.text("replay calls no model, and " + ref + " is only known from "
                    + recorded.file() + "; record with ").then(Setting.CACHE_MODE_RECORD), false, null);
        }
    }
}
