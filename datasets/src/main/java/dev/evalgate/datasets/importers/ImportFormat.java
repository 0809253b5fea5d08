package dev.evalgate.datasets.importers;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every source format {@code datasets import} reads, by its command-line name: the public benchmarks of
 * {@link SourceFormat}, generic JSONL and CSV with a field mapping, and the formats of other tools and of
 * production (OpenAI Evals samples, promptfoo tests, OTLP JSON traces, evalgate's own results).
 */
public enum ImportFormat {
    JSONL("jsonl", "JSON Lines, one object a row, with a field mapping (--map/--mapping)", true, MappedJsonlRows::new),
    CSV("csv", "CSV with a header row, with a field mapping (--map/--mapping)", true, MappedCsvRows::new),
    OPENAI_EVALS("openai-evals", "OpenAI Evals samples.jsonl {input: chat messages, ideal}", false,
            OpenAiEvalsSamples::new),
    PROMPTFOO("promptfoo", "promptfooconfig.yaml (tests: vars + assert)", false, PromptfooTests::new),
    OTLP_JSON("otlp-json", "OpenTelemetry traces as OTLP JSON (GenAI spans)", false, OtlpGenAiSpans::new),
    EVALGATE_RESULTS("evalgate-results", "a run's results.jsonl or run directory", false, RunResultsRows::new),
    IFEVAL(SourceFormat.IFEVAL),
    TRUTHFULQA(SourceFormat.TRUTHFULQA),
    DEEPSET_INJECTIONS(SourceFormat.DEEPSET_INJECTIONS),
    GARAK_PAYLOADS(SourceFormat.GARAK_PAYLOADS),
    BIPIA(SourceFormat.BIPIA);

    private final String cliName;
    private final String expects;
    private final boolean needsMapping;
    private final Supplier<RecordReader> reader;
    private final SourceFormat benchmark;

    ImportFormat(String cliName, String expects, boolean needsMapping, Supplier<RecordReader> reader) {
        this.cliName = cliName;
        this.expects = expects;
        this.needsMapping = needsMapping;
        this.reader = reader;
        this.benchmark = null;
    }

    ImportFormat(SourceFormat benchmark) {
        this.cliName = benchmark.cliName();
        this.expects = benchmark.expects();
        this.needsMapping = false;
        this.reader = null;
        this.benchmark = benchmark;
    }

    public String cliName() {
        return cliName;
    }

    public String expects() {
        return expects;
    }

    /** Whether rows become cases only through a user's {@link FieldMapping}. */
    public boolean needsMapping() {
        return needsMapping;
    }

    /** The public benchmark this format is, or null for the record formats. */
    SourceFormat benchmark() {
        return benchmark;
    }

    RecordReader reader() {
        return reader.get();
    }

    public static ImportFormat parse(String name) {
        for (ImportFormat format : values()) {
            if (format.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::cliName).collect(Collectors.joining(", "));
    }
}
