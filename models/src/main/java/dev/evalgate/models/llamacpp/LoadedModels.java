package dev.evalgate.models.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.evalgate.engine.EvaluationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GGUF models this process has loaded, one per (file, context size, threads), shared by every client that
 * asks for the same model and closed when the JVM shuts down.
 *
 * <p>Why process-wide and never closed earlier: loading takes from a fraction of a second to many seconds, and
 * de.kherud:llama 4.2.0 leaves a native non-daemon thread running once a model is loaded, even after
 * {@link LlamaModel#close()} (upstream issue kherud/java-llama.cpp#116). {@link AttachedThreadsExit} ends such a
 * JVM once its program has ended, running the shutdown hook below; the CLI ends with {@link System#exit(int)}
 * anyway, for its exit code.
 */
final class LoadedModels {
    private static final Map<Key, LoadedModel> LOADED = new HashMap<>();
    private static boolean hookInstalled;

    private LoadedModels() {
    }

    /** What a client gets: the shared model, and how long this call spent loading it (0 when it was loaded). */
    record Acquired(LoadedModel model, long loadMillis) {
    }

    private record Key(Path file, int contextSize, int threads) {
    }

    /** The model in {@code file}, loaded now unless this process has it already; {@code nativeLog}: see below. */
    static synchronized Acquired acquire(Path file, int contextSize, int threads, boolean nativeLog) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new EvaluationException("cannot open model file " + file + ": " + e, e);
        }
        Key key = new Key(real, contextSize, threads);
        String stamp = stamp(real);
        LoadedModel existing = LOADED.get(key);
        if (existing != null) {
            if (existing.stamp.equals(stamp)) {
                return new Acquired(existing, 0);
            }
            // The file was replaced since this JVM loaded it (a resident evalgate, a JUnit run in an IDE): the
            // run must evaluate the model the file holds now, as a fresh JVM would, and record its fingerprint.
            LOADED.remove(key);
            existing.closeIfIdle();
        }
        installShutdownHook();
        long started = System.nanoTime();
        LlamaModel model = onLoaderThread(() -> load(real, contextSize, threads, nativeLog));
        long loadMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        LoadedModel loaded = new LoadedModel(model, real, contextSize, stamp);
        LOADED.put(key, loaded);
        AttachedThreadsExit.watch();
        return new Acquired(loaded, loadMillis);
    }

    /** What tells a file replaced at the same path: its inode, size and modification time. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() + "/" + attributes.size() + "/" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new EvaluationException("cannot open model file " + file + ": " + e, e);
        }
    }

    /**
     * Models are loaded on one thread that lives as long as the JVM. Clients load lazily, on the first request,
     * which runs on a per-run call thread; a model loaded on a thread that has since ended hangs the generations
     * of later runs in the same JVM inside the binding's native code.
     */
    private static final ExecutorService LOADER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "evalgate-llamacpp-loader");
        thread.setDaemon(true);
        return thread;
    });

    private static LlamaModel onLoaderThread(Callable<LlamaModel> load) {
        Future<LlamaModel> loading = LOADER.submit(load);
        try {
            return loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("interrupted while loading a model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** With {@code nativeLog}, llama.cpp's own log of the load (what it read, what it could not) goes to stderr. */
    private static LlamaModel load(Path real, int contextSize, int threads, boolean nativeLog) {
        try {
            NativeLibrary.load();
        } catch (LinkageError e) {
            throw new EvaluationException("the llama.cpp native library does not load on this machine ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e.getMessage()
                    + "; use an Ollama bundle (ollama:...) instead", e);
        }
        try {
            ModelParameters parameters = new ModelParameters()
                    .setModel(real.toString())
                    .setCtxSize(contextSize)
                    .setThreads(threads)
                    .setParallel(1);
            return new LlamaModel(nativeLog ? parameters : parameters.disableLog());
        } catch (RuntimeException | LinkageError e) {
            throw new EvaluationException("llama.cpp could not load " + real + ": " + e.getMessage()
                    + ". The file may be truncated, or use an architecture or quantization that this llama.cpp "
                    + "build (de.kherud:llama 4.2.0) does not support; try another GGUF build of the model", e);
        }
    }

    private static void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(LoadedModels::closeAll, "evalgate-llamacpp-close"));
    }

    private static void closeAll() {
        List<LoadedModel> models;
        synchronized (LoadedModels.class) {
            models = new ArrayList<>(LOADED.values());
            LOADED.clear();
        }
        for (LoadedModel model : models) {
            model.closeIfIdle();
        }
    }

    /** One loaded model and the lock that keeps its single context to one generation at a time. */
    static final class LoadedModel {
        private final LlamaModel model;
        private final Path file;
        private final int contextSize;
        private final String stamp;
        private final ReentrantLock inUse = new ReentrantLock(true);
        private boolean closed;

        private LoadedModel(LlamaModel model, Path file, int contextSize, String stamp) {
            this.model = model;
            this.file = file;
            this.contextSize = contextSize;
            this.stamp = stamp;
        }

        LlamaModel model() {
            return model;
        }

        Path file() {
            return file;
        }

        int contextSize() {
            return contextSize;
        }

        ReentrantLock inUse() {
            return inUse;
        }

        /** Whether the shutdown hook freed the native model; read only while holding {@link #inUse()}. */
        boolean closed() {
            return closed;
        }

        /**
         * Closes the native model unless a generation still runs: freeing it under a running generation would
         * crash the process, and the operating system reclaims the memory at exit anyway.
         */
        private void closeIfIdle() {
            boolean locked = false;
            try {
                locked = inUse.tryLock(2, TimeUnit.SECONDS);
                if (locked) {
                    closed = true;
                    model.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (locked) {
                    inUse.unlock();
                }
            }
        }
    }
}
