package dev.evalgate.engine;

/** Which corpus version a run evaluated: name, version, sha256 of its cases and how many cases it has. */
public record CorpusRef(String name, String version, String sha256, int cases) {
}
