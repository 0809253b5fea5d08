package dev.evalgate.models.llamacpp;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.models.catalog.ModelCatalog;
import dev.evalgate.models.catalog.ModelDownloader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The {@code llamacpp} backend: GGUF models run in-process, nothing to install. A reference names a local file
 * ({@code llamacpp:models/x.gguf}, relative to the bundle) or a catalog model ({@code llamacpp:qwen2.5-0.5b-instruct},
 * downloaded once into the cache); {@code --model PATH} / {@code EVALGATE_MODEL} replaces either. Settings are
 * documented in {@link LlamaCppSettings}.
 *
 * <p>A process that opened a llamacpp client must end with {@link System#exit(int)} (see {@link LoadedModels}).
 */
public final class LlamaCppClientProvider implements ModelClientProvider {
    public static final String BACKEND = "llamacpp";

    private final ModelCatalog catalog;
    private final Function<BackendOptions, ModelDownloader> downloaders;

    public LlamaCppClientProvider() {
        this(ModelCatalog.builtIn(), options -> {
            LlamaCppSettings settings = LlamaCppSettings.from(options);
            return ModelDownloader.forCache(options.cacheDirectory(), settings.mirror(), settings.allowUnpinned());
        });
    }

    /** For a different catalog or downloader (an internal catalog, a test server). */
    public LlamaCppClientProvider(ModelCatalog catalog, Function<BackendOptions, ModelDownloader> downloaders) {
        this.catalog = catalog;
        this.downloaders = downloaders;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String description() {
        return "llamacpp: GGUF models run in-process by llama.cpp (de.kherud:llama 4.2.0); catalog: "
                + String.join(", ", catalog.names());
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        LlamaCppSettings settings = LlamaCppSettings.from(options);
        ResolvedModel resolved = new ModelFileResolver(catalog, downloaders).resolve(ref, options);
        String fingerprint = resolved.knownSha256().orElseGet(() -> fingerprint(resolved, options));
        int contextSize = settings.contextSize().orElse(resolved.defaultContextSize());
        ModelInfo info = new ModelInfo(BACKEND, resolved.displayName(), fingerprint, 0);
        // Loaded on the first request: a rerun served wholly from the inference cache never loads the model.
        return new LlamaCppClient(() -> LoadedModels.acquire(resolved.file(), contextSize, settings.threads(),
                settings.nativeLog()), info, settings.chatTemplate());
    }

    private static String fingerprint(ResolvedModel resolved, BackendOptions options) {
        try {
            return new ModelFingerprints(options.cacheDirectory()).of(resolved.file());
        } catch (IOException | UncheckedIOException e) {
            throw new EvaluationException("cannot read model file " + resolved.file() + " to fingerprint it: " + e,
                    e);
        }
    }
}
