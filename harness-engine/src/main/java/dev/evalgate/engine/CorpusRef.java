package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Which corpus version a run evaluated: name, version, sha256 of its cases and how many cases it has. */
@API(status = STABLE, since = "0.1.0")
public record CorpusRef(String name, String version, String sha256, int cases) {
}
