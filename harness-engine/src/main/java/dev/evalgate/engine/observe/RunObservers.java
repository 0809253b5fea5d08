package dev.evalgate.engine.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.TraceId;

/**
 * The observers the user turned on, as one: each event goes to each, and an observer that fails is reported once
 * as a warning and then left out, so telemetry never changes a run or its verdict.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RunObservers implements RunObserver {
    private final List<Named> observers;
    private final Consumer<String> warnings;

    private RunObservers(List<Named> observers, Consumer<String> warnings) {
        this.observers = new java.util.concurrent.CopyOnWriteArrayList<>(observers);
        this.warnings = warnings;
    }

    /** Opens every provider on the class path with {@code settings}; a provider that fails to open is a warning. */
    public static RunObserver open(Map<String, String> settings, Consumer<String> warnings) {
        List<Named> opened = new ArrayList<>();
        for (RunObserverProvider provider : ServiceLoader.load(RunObserverProvider.class)) {
            try {
                Optional<RunObserver> observer = provider.open(settings);
                observer.ifPresent(o -> opened.add(new Named(provider.name(), o)));
            } catch (RuntimeException | LinkageError e) {
                warnings.accept(provider.name() + " is off for this run: " + why(e));
            }
        }
        return opened.isEmpty() ? NONE : new RunObservers(opened, warnings);
    }

    /** The given observers as one, for tests and embedding. */
    public static RunObserver of(Map<String, RunObserver> byName, Consumer<String> warnings) {
        List<Named> named = new ArrayList<>();
        byName.forEach((name, observer) -> named.add(new Named(name, observer)));
        return new RunObservers(named, warnings);
    }

    @Override
    public void runStarted(RunSpec spec) {
        each(o -> o.runStarted(spec));
    }

    @Override
    public void caseStarted(TraceId traceId) {
        each(o -> o.caseStarted(traceId));
    }

    @Override
    public void modelCalled(ModelCall call) {
        each(o -> o.modelCalled(call));
    }

    @Override
    public void caseEvaluated(CaseResult result) {
        each(o -> o.caseEvaluated(result));
    }

    @Override
    public void runFinished(RunResult result) {
        each(o -> o.runFinished(result));
    }

    @Override
    public void close() {
        each(RunObserver::close);
    }

    private void each(Consumer<RunObserver> event) {
        for (Named named : observers) {
            try {
                event.accept(named.observer());
            } catch (RuntimeException | LinkageError e) {
                if (observers.remove(named)) {
                    warnings.accept(named.name() + " stopped observing the run: " + why(e));
                }
            }
        }
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private record Named(String name, RunObserver observer) {
    }
}
