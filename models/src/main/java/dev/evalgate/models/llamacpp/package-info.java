/**
 * The {@code llamacpp} backend: GGUF models run inside the JVM by llama.cpp through de.kherud:llama, so evalgate
 * evaluates on a laptop or a CI runner with nothing else installed.
 *
 * <h2>Which file a reference opens</h2>
 * <ol>
 *   <li>{@code --model PATH} / {@code EVALGATE_MODEL} ({@link dev.evalgate.engine.BackendOptions#modelOverride()})
 *       replaces whatever the bundle names;</li>
 *   <li>a name ending in {@code .gguf} or holding a path separator is a file, relative to the bundle's
 *       directory;</li>
 *   <li>anything else is a name from {@link dev.evalgate.models.catalog.ModelCatalog}, downloaded once into
 *       {@code <cache>/models/} and checked against its pinned sha256.</li>
 * </ol>
 * A missing file or one that is not GGUF fails with {@link dev.evalgate.datasets.InvalidInputException} naming
 * the path, before llama.cpp sees it.
 *
 * <h2>Settings</h2>
 * {@link dev.evalgate.models.llamacpp.LlamaCppSettings} lists the keys: {@code llamacpp.context-size},
 * {@code llamacpp.threads}, {@code llamacpp.chat-template}, {@code llamacpp.mirror} (or
 * {@code EVALGATE_MODEL_MIRROR}) and {@code llamacpp.allow-unpinned} (or {@code EVALGATE_ALLOW_UNPINNED_MODELS}).
 *
 * <h2>Process lifetime</h2>
 * A model is loaded once per process and shared; it is closed by a shutdown hook. Because de.kherud:llama 4.2.0
 * keeps a native non-daemon thread alive once a model is loaded (kherud/java-llama.cpp#116), a watcher ends the JVM
 * once {@code main} has returned and only such threads are left, with the status the Java launcher would have used. The binding also prints one line to stdout the first time it extracts its native library.
 */
package dev.evalgate.models.llamacpp;
