package dev.evalgate.engine.observe;

import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Creates a {@link RunObserver} when the user turned it on. Found with {@link java.util.ServiceLoader}, like
 * scorers and backends, so the engine never imports a telemetry SDK.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RunObserverProvider {
    /** A short name for warnings, such as {@code otel}. */
    String name();

    /**
     * @param settings the front end's settings by documented key (see each provider); the provider may also read
     *                 its standard environment variables
     * @return empty when the settings leave the observer off
     */
    Optional<RunObserver> open(Map<String, String> settings);
}
