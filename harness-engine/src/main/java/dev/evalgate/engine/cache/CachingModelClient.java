package dev.evalgate.engine.cache;

import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.Advised;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Setting;

/**
 * A {@link ModelClient} in front of another that answers repeated requests from an {@link InferenceStore}, so
 * rerunning an unchanged bundle costs no model calls. Entries are keyed by {@link InferenceKey} (backend, model
 * fingerprint, parameters, seed and the full rendered request), so a changed prompt or model never gets a stale
 * answer. Served entries come back {@linkplain Completion#asCached() marked as cached}, which the run counts.
 */
public final class CachingModelClient implements ModelClient {
    private final ModelClient delegate;
    private final InferenceStore store;
    private final CacheMode mode;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong modelCalls = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicReference<String> firstWriteError = new AtomicReference<>("");

    public CachingModelClient(ModelClient delegate, InferenceStore store, CacheMode mode) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.store = Objects.requireNonNull(store, "store");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Wraps a client unless the mode is {@link CacheMode#OFF}, in which case the client is returned as it is. */
    public static ModelClient wrap(ModelClient delegate, InferenceStore store, CacheMode mode) {
        return mode == CacheMode.OFF ? delegate : new CachingModelClient(delegate, store, mode);
    }

    public CacheMode mode() {
        return mode;
    }

    public InferenceStore store() {
        return store;
    }

    public CacheStats stats() {
        return new CacheStats(hits.get(), modelCalls.get(), recorded.get(), writeFailures.get(), firstWriteError.get());
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        if (mode == CacheMode.OFF) {
            modelCalls.incrementAndGet();
            return delegate.complete(request);
        }
        InferenceKey key = keyOf(request);
        Optional<Completion> cached = cached(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        modelCalls.incrementAndGet(); // a call that fails counts too
        return kept(key, delegate.complete(request));
    }

    /** A cached answer, or the wrapped client's own answer at hand; empty when a model must be asked. */
    @Override
    public Optional<Completion> completeAtOnce(ModelRequest request) throws ModelCallException {
        if (mode == CacheMode.OFF) {
            Optional<Completion> atOnce = delegate.completeAtOnce(request);
            atOnce.ifPresent(c -> modelCalls.incrementAndGet());
            return atOnce;
        }
        InferenceKey key = keyOf(request);
        Optional<Completion> cached = cached(key);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Completion> atOnce = delegate.completeAtOnce(request);
        if (atOnce.isPresent()) {
            modelCalls.incrementAndGet();
            kept(key, atOnce.get());
        }
        return atOnce;
    }

    private InferenceKey keyOf(ModelRequest request) {
        return InferenceKey.of(delegate.info(), request, delegate.inputRead(request));
    }

    /** The stored answer in a mode that reads the store; a miss in {@link CacheMode#REPLAY} is refused. */
    private Optional<Completion> cached(InferenceKey key) throws ModelCallException {
        if (!mode.reads()) {
            return Optional.empty();
        }
        Optional<CacheEntry> entry = lookUp(key);
        if (entry.isPresent()) {
            hits.incrementAndGet();
            return Optional.of(entry.get().completion().toCompletion());
        }
        if (mode == CacheMode.REPLAY) {
            throw new ModelCallException(Advice.text("no recorded completion for this request in "
                    + store.directory() + " (expected " + store.pathOf(key) + "; " + key.describe() + "). The"
                    + " prompt, parameters or model changed since the store was recorded: re-record with ")
                    .then(Setting.CACHE_MODE_RECORD).then(", or run with ").then(Setting.CACHE_MODE_READWRITE)
                    .then(" to fill in what is missing"), false, null);
        }
        return Optional.empty();
    }

    /** Stores a model's answer in a mode that writes the store. */
    private Completion kept(InferenceKey key, Completion completion) {
        if (mode.writes() && worthKeeping(completion)) {
            save(key, completion);
        }
        return completion;
    }

    private Optional<CacheEntry> lookUp(InferenceKey key) throws ModelCallException {
        try {
            return store.read(key);
        } catch (InferenceStore.CorruptEntryException | UncheckedIOException e) {
            if (mode == CacheMode.REPLAY) {
                throw new ModelCallException(e instanceof Advised advised ? advised.advice()
                        : Advice.text(e.getMessage()), false, e);
            }
            // In readwrite mode the model answers instead, and a fresh entry replaces a broken file if it can.
            return Optional.empty();
        }
    }

    /** A truncated answer says more about that call's deadline than about the model; never replay it. */
    private static boolean worthKeeping(Completion completion) {
        return !"timeout".equals(completion.finishReason());
    }

    private void save(InferenceKey key, Completion completion) {
        try {
            store.write(new CacheEntry(CacheEntry.FORMAT, key, delegate.info().model(), CachedCompletion.of(completion)));
            recorded.incrementAndGet();
        } catch (UncheckedIOException e) {
            // The completion is good even if it cannot be kept; the run reports the failure instead of erroring.
            writeFailures.incrementAndGet();
            firstWriteError.compareAndSet("", e.getMessage());
        }
    }

    @Override
    public int maxConcurrency() {
        return delegate.maxConcurrency();
    }

    @Override
    public boolean honoursSeed() {
        return delegate.honoursSeed();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
