package dev.evalgate.engine.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apiguardian.api.API;

import dev.evalgate.engine.Plugins;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.MetricHistory;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** The sinks on the class path; hands each finished run to every one and turns a sink's failure into a warning. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class RunSinks {
    private final List<RunSink> sinks;

    public RunSinks(List<RunSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** The sinks on the class path of the thread's context class loader (which a front end may extend). */
    public static RunSinks load() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(context != null ? context : RunSinks.class.getClassLoader());
    }

    /** The sinks {@code loader} finds: evalgate's own and those of any plugin jar it loads. */
    public static RunSinks load(ClassLoader loader) {
        List<RunSink> found = new ArrayList<>();
        for (RunSink sink : ServiceLoader.load(RunSink.class, loader)) {
            found.add(sink);
        }
        return new RunSinks(found);
    }

    /** These sinks plus those that {@code plugins} define (a suite's own plugin jars). */
    public RunSinks withPlugins(Plugins plugins) {
        if (plugins.isEmpty()) {
            return this;
        }
        List<RunSink> found = new ArrayList<>(sinks);
        for (RunSink sink : ServiceLoader.load(RunSink.class, plugins.classLoader(RunSinks.class.getClassLoader()))) {
            if (plugins.defines(sink.getClass())) {
                found.add(sink);
            }
        }
        return new RunSinks(found);
    }

    public List<RunSink> sinks() {
        return sinks;
    }

    /**
     * Where trend rules read the suite's earlier runs: the first sink that keeps a history, else none.
     *
     * @param settings each sink's setting by sink name
     */
    public MetricHistory metricHistory(Suite suite, Map<String, String> settings, Consumer<String> warnings) {
        for (RunSink sink : sinks) {
            Optional<MetricHistory> history = sink.metricHistory(suite,
                    Optional.ofNullable(settings.get(sink.name())), warnings);
            if (history.isPresent()) {
                return history.get();
            }
        }
        return MetricHistory.NONE;
    }

    /**
     * @param warnings receives one line per sink that failed, naming the sink and why; the run is not affected
     */
    public void accept(FinishedRun run, Consumer<String> warnings) {
        for (RunSink sink : sinks) {
            accept(sink, run, warnings);
        }
    }

    /**
     * Writes the run's reports and hands the run to every sink: the sinks that do not read reports on a second
     * thread while {@code reports} runs, the others once it has returned. When the reports fail, the sinks already
     * started are waited for and the others are not called.
     *
     * @param warnings receives one line per sink that failed, naming the sink and why (possibly from the second
     *                 thread); the run is not affected
     * @return what {@code reports} returned
     */
    public <T> T acceptWhileReporting(FinishedRun run, Supplier<T> reports, Consumer<String> warnings) {
        List<RunSink> early = sinks.stream().filter(sink -> !sink.needsReports()).toList();
        Thread beside = null;
        if (!early.isEmpty()) {
            beside = new Thread(() -> early.forEach(sink -> accept(sink, run, warnings)), "evalgate-sinks");
            beside.start();
        }
        T written;
        try {
            written = reports.get();
        } finally {
            join(beside);
        }
        for (RunSink sink : sinks) {
            if (!early.contains(sink)) {
                accept(sink, run, warnings);
            }
        }
        return written;
    }

    private static void accept(RunSink sink, FinishedRun run, Consumer<String> warnings) {
        try {
            sink.accept(run);
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            warnings.accept(sink.name() + " was not updated for run " + run.result().spec().runId() + ": " + why);
        }
    }

    /** Waits for the sinks' thread; an interrupt is kept for the caller but does not cut a history write short. */
    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
