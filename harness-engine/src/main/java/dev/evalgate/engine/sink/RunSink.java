package dev.evalgate.engine.sink;

import java.util.Optional;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.MetricHistory;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Consumes a finished run after its gate was applied: a history store, an exporter. Implementations are discovered
 * with {@link java.util.ServiceLoader} from the class path, so the engine never imports them. A sink is not
 * essential to the verdict: when it fails, the front end prints a warning and the gate's exit code stands.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface RunSink {
    /** A short name for messages and for its setting, such as {@code history}. */
    String name();

    /**
     * Called once per finished run, after the run directory and its reports were written (unless
     * {@link #needsReports()} says they are not read); must not change them.
     *
     * @throws Exception any failure; the caller turns it into a warning
     */
    void accept(FinishedRun run) throws Exception;

    /**
     * Whether {@link #accept} reads the run's reports. A sink that records only what {@link FinishedRun} holds
     * answers false, and is then called on a thread of its own while the reports are written, which shortens a
     * short run; the run directory's {@code results.jsonl}, {@code run.json} and verdict files are written by then.
     */
    default boolean needsReports() {
        return true;
    }

    /**
     * The metric series this sink keeps, for gate rules that judge a trend over earlier runs ({@code max_drift});
     * none by default.
     *
     * @param setting  this sink's setting from the front end, if the user gave one
     * @param warnings receives why the series could not be read, when a rule asks for it
     */
    default Optional<MetricHistory> metricHistory(Suite suite, Optional<String> setting, Consumer<String> warnings) {
        return Optional.empty();
    }
}
