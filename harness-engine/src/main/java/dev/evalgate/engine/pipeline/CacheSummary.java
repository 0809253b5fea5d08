package dev.evalgate.engine.pipeline;

import java.nio.file.Path;

import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.cache.CacheStats;

/** What the inference cache did in one pipeline call, summed over every client it served. */
public record CacheSummary(CacheMode mode, Path directory, CacheStats stats) {
}
