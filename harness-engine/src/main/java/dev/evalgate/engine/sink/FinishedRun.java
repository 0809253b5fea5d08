package dev.evalgate.engine.sink;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.GateVerdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a {@link RunSink} receives.
 *
 * @param suite    the suite the run was started from
 * @param verdict  the gate's verdict on the run
 * @param settings each sink's setting from the front end, keyed by {@link RunSink#name()} (a command-line flag
 *                 such as {@code --history}); absent when the user gave none
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record FinishedRun(RunResult result, Suite suite, GateVerdict verdict, Map<String, String> settings) {
    public FinishedRun {
        Objects.requireNonNull(result, "result");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public Optional<String> setting(String sinkName) {
        return Optional.ofNullable(settings.get(sinkName));
    }
}
