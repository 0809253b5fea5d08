package dev.evalgate.engine.cache;

/**
 * What the cache did during a run, for the end-of-run line and the report.
 *
 * @param hits           requests served from the store (no model call)
 * @param modelCalls     requests passed on to the model
 * @param recorded       entries written
 * @param writeFailures  entries that could not be written (the completion was still returned)
 * @param firstWriteError message of the first write failure, empty when there was none
 */
public record CacheStats(long hits, long modelCalls, long recorded, long writeFailures, String firstWriteError) {
    public CacheStats {
        firstWriteError = firstWriteError == null ? "" : firstWriteError;
    }
}
