package dev.evalgate.datasets;

/**
 * The kinds of file evalgate reads, each with the largest size it accepts. A file over its limit is refused before
 * it is read, so a mistaken path ({@code /dev/zero}, a log file, a dump) costs no memory and no time. The limits
 * are stated in the README; they are far above any real file of the kind.
 */
public enum InputKind {
    /** suite.yaml, bundle.yaml, manifest.yaml and other YAML configuration. */
    CONFIG("configuration file", 4L << 20),
    /** A corpus's cases.jsonl. */
    CASES("cases file", 256L << 20),
    /** A replay file of recorded outputs. */
    REPLAY("replay file", 256L << 20),
    /** A run's run.json. */
    RUN_RECORD("run record", 16L << 20),
    /** A run's results.jsonl. */
    RESULTS("results file", 1L << 30),
    /** One entry of the inference cache. */
    CACHE_ENTRY("cache entry", 16L << 20),
    /** Files a run keeps beside its results: comparison.json, gate.json, the cache's model list. */
    RUN_DATA("run data file", 256L << 20),
    /** Human labels for judge calibration. */
    LABELS("labels file", 64L << 20),
    /** A file {@code datasets import} converts: JSONL, CSV, a trace export, a run's results, a test file. */
    IMPORT_SOURCE("import source", 1L << 30),
    /** A JSON Schema file named by a scorer. */
    SCHEMA("schema file", 4L << 20);

    /**
     * SnakeYAML rescans a token from its start each time it reads more of it, so a single line of a few MiB takes
     * minutes. No configuration needs a line this long; a longer one is refused before the parser sees it.
     */
    public static final int MAX_CONFIG_LINE_CHARS = 16 * 1024;

    private final String label;
    private final long maxBytes;

    InputKind(String label, long maxBytes) {
        this.label = label;
        this.maxBytes = maxBytes;
    }

    public String label() {
        return label;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The limit for people: "4 MiB". */
    public String describeLimit() {
        return maxBytes >= 1L << 30 ? (maxBytes >> 30) + " GiB" : (maxBytes >> 20) + " MiB";
    }
}
