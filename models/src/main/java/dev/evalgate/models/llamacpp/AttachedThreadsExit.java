package dev.evalgate.models.llamacpp;

import java.util.Map;

/**
 * Lets a JVM that loaded a model end when its program ends.
 *
 * <p>The mechanism: de.kherud:llama 4.2.0 runs each model's task loop on a native {@code std::thread} that attaches
 * itself to the JVM with {@code AttachCurrentThread} (so it is a non-daemon Java thread, "Thread-N") and never
 * detaches, not even when {@code LlamaModel.close()} ends the loop (jllama.cpp, {@code loadModel} and
 * {@code delete}; upstream issue kherud/java-llama.cpp#116). The JVM counts it as a live non-daemon thread for
 * ever, so a {@code main} that returns leaves the process running: a JUnit Launcher started from a small main, a
 * build tool's worker, any embedding program.
 *
 * <p>The native thread cannot be made a daemon from Java, so this watcher does what the JVM would do without it:
 * once the main thread has ended and every non-daemon thread still alive is a native thread the binding attached
 * (no Java frames on its stack), it exits with the status the Java launcher would have used: 0, or 1 when
 * {@code main} ended with an exception. A program that still runs threads of its own keeps running until they end.
 */
final class AttachedThreadsExit {
    private static final long POLL_MILLIS = 200;
    private static boolean started;
    private static volatile boolean mainFailed;

    private AttachedThreadsExit() {
    }

    /** Starts the watcher once per JVM; called when a model is loaded. */
    static synchronized void watch() {
        if (started) {
            return;
        }
        started = true;
        Thread main = mainThread();
        if (main != null) {
            Thread.UncaughtExceptionHandler previous = main.getUncaughtExceptionHandler();
            main.setUncaughtExceptionHandler((thread, error) -> {
                mainFailed = true;
                if (previous != null) {
                    previous.uncaughtException(thread, error);
                }
            });
        }
        Thread watcher = new Thread(() -> waitForProgramEnd(main), "evalgate-llamacpp-exit");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void waitForProgramEnd(Thread main) {
        try {
            if (main != null) {
                main.join();
            }
            while (!onlyAttachedThreadsLeft()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        System.exit(mainFailed ? 1 : 0);
    }

    /** Whether every live non-daemon thread is a native thread attached without Java frames (the binding's). */
    static boolean onlyAttachedThreadsLeft() {
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            Thread t = thread.getKey();
            if (t.isAlive() && !t.isDaemon() && thread.getValue().length > 0
                    && !"DestroyJavaVM".equals(t.getName())) {
                return false;
            }
        }
        return true;
    }

    private static Thread mainThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("main".equals(t.getName()) && t.getThreadGroup() != null
                    && "main".equals(t.getThreadGroup().getName())) {
                return t;
            }
        }
        return null;
    }
}
