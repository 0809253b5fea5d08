/**
 * The observation hook: a {@link dev.evalgate.engine.observe.RunObserver} hears of the run, each case and each
 * model or judge call as they happen, for telemetry (the {@code otel} module exports them to OpenTelemetry). The
 * engine calls it and imports no telemetry SDK; observers are found with {@link java.util.ServiceLoader} through
 * {@link dev.evalgate.engine.observe.RunObserverProvider}.
 */
package dev.evalgate.engine.observe;
