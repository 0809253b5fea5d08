package dev.evalgate.engine.pipeline;

import java.nio.file.Path;

import org.apiguardian.api.API;

import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.cache.CacheStats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** What the inference cache did in one pipeline call, summed over every client it served. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record CacheSummary(CacheMode mode, Path directory, CacheStats stats) {
}
