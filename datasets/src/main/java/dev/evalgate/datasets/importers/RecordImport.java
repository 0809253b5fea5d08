package dev.evalgate.datasets.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.tooling.CorpusStreamWriter;

/**
 * Imports sources of any {@link ImportFormat} into one corpus directory, streaming: each row's case is written as
 * it is read, so a million-row source costs the memory of its ids, not of its cases. Every row that cannot be
 * mapped is collected with its file and line (a duplicate id too); unless bad rows are to be skipped, one bad row
 * means nothing is written. The manifest records the import in its lineage: each source with its format and
 * sha256, and the field mapping.
 */
public final class RecordImport {

    /** One source and its format. */
    public record Source(ImportFormat format, Path path) {
        public Source {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * @param manifest    the written manifest (pinned), or null when nothing was written
     * @param cases       cases written (or that would have been)
     * @param badRows     how many rows could not be mapped
     * @param problems    the bad rows, each naming file and line (the first {@value #MAX_LISTED}; then a count)
     * @param notes       things left out or mapped approximately that are not bad rows
     * @param casesByTag  cases per tag
     */
    public record Outcome(CorpusManifest manifest, int cases, int badRows, List<InvalidInputException> problems,
                          List<String> notes, Map<String, Integer> casesByTag) {
        public Outcome {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
            casesByTag = java.util.Collections.unmodifiableMap(new TreeMap<>(casesByTag));
        }

        public boolean written() {
            return manifest != null;
        }
    }

    /** Bad rows listed one by one; more are counted. */
    public static final int MAX_LISTED = 200;

    private RecordImport() {
    }

    public static Outcome run(List<Source> sources, ImportSettings settings, FieldMapping mapping, Path out,
                              boolean overwrite, boolean skipBadRows) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: at least one source is needed");
        }
        for (Source source : sources) {
            if (source.format().needsMapping() && mapping == null) {
                throw new InvalidInputException(source.path(), 0, "--map", "format " + source.format().cliName()
                        + " needs a field mapping: --map input.NAME=$.field (and --id $.key), or --mapping FILE");
            }
        }
        if (mapping != null && sources.stream().noneMatch(s -> s.format().needsMapping())) {
            throw new InvalidInputException(null, 0, "--map", "only the jsonl and csv formats take a field mapping");
        }
        Collector collector = new Collector(sources);
        List<Map<String, Object>> sourceRecords = new ArrayList<>();
        Set<String> descriptions = new LinkedHashSet<>();
        Set<String> licenses = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        Set<String> corpusTags = new LinkedHashSet<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (CorpusStreamWriter writer = CorpusStreamWriter.open(out, overwrite)) {
            collector.writer = writer;
            for (int i = 0; i < sources.size(); i++) {
                Source source = sources.get(i);
                collector.sourceIndex = i;
                int before = collector.written;
                if (source.format().benchmark() != null) {
                    SourceFormat benchmark = source.format().benchmark();
                    ImportedCases imported = benchmark.importer().read(source.path(), settings);
                    imported.problems().forEach(collector::problem);
                    imported.cases().forEach(c -> collector.accept(
                            c.metadata().get("source_line") instanceof Number n ? n.intValue() : 0, c));
                    descriptions.add(imported.description());
                    licenses.add(benchmark.upstreamLicense());
                    origins.add(benchmark.upstreamSource());
                    corpusTags.addAll(imported.tags());
                } else {
                    RecordReader reader = source.format().reader();
                    reader.read(source.path(), mapping, "", collector);
                    if (reader instanceof PromptfooTests promptfoo) {
                        extra.putAll(promptfoo.assertionCounts());
                    }
                    origins.add(source.path().toString());
                }
                int made = collector.written - before;
                if (source.format().benchmark() == null) {
                    descriptions.add(made + " case(s) imported from " + source.path().getFileName() + " ("
                            + source.format().expects() + ").");
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("format", source.format().cliName());
                record.put("path", source.path().toString());
                if (Files.isRegularFile(source.path())) {
                    record.put("sha256", ContentHash.sha256(source.path()));
                }
                record.put("cases", made);
                sourceRecords.add(record);
            }
            if (collector.bad > 0 && !skipBadRows || collector.written == 0) {
                writer.abort();
                return new Outcome(null, collector.written, collector.bad, collector.problems(), collector.notes,
                        collector.byTag);
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("sources", sourceRecords);
            if (mapping != null) {
                parameters.put("mapping", mapping.describe());
            }
            parameters.putAll(extra);
            if (collector.bad > 0) {
                parameters.put("skipped_bad_rows", collector.bad);
            }
            StringBuilder description = new StringBuilder();
            if (!settings.description().isBlank()) {
                description.append(settings.description().strip()).append("\n\n");
            }
            description.append(String.join("\n\n", descriptions));
            if (collector.canary) {
                description.append("\n\n").append(InjectionCases.canaryConvention(settings.canary()));
            }
            licenses.removeIf(String::isBlank);
            String license = settings.license().isBlank() ? String.join(" AND ", licenses) : settings.license();
            String origin = settings.source().isBlank() ? String.join("; ", origins) : settings.source();
            CorpusManifest manifest = writer.commit(new CorpusManifest(settings.name(), settings.version(),
                    description.toString(), license, origin, CorpusManifest.DEFAULT_CASES_FILE, "0".repeat(64),
                    List.copyOf(corpusTags), Lineage.imported(parameters)));
            return new Outcome(manifest, collector.written, collector.bad, collector.problems(), collector.notes,
                    collector.byTag);
        }
    }

    /** Checks ids across all sources, writes each case, and keeps the bad rows. */
    private static final class Collector implements RowSink {
        private final List<Source> sources;
        /** id to (source index << 32 | line), to name the first row of a repeated id. */
        private final Map<String, Long> firstRow = new HashMap<>();
        private final List<InvalidInputException> listed = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Integer> byTag = new TreeMap<>();
        private CorpusStreamWriter writer;
        private int sourceIndex;
        private int written;
        private int bad;
        private boolean canary;

        Collector(List<Source> sources) {
            this.sources = sources;
        }

        @Override
        public void accept(int line, EvalCase evalCase) {
            Long earlier = firstRow.putIfAbsent(evalCase.id(), ((long) sourceIndex << 32) | (line & 0xffffffffL));
            if (earlier != null) {
                Path earlierFile = sources.get((int) (earlier >>> 32)).path();
                problem(new InvalidInputException(sources.get(sourceIndex).path(), line, "id", "case id '"
                        + evalCase.id() + "' was already built from " + earlierFile + ":" + (int) (long) earlier
                        + "; give each row its own id (or remove the repeated row)"));
                return;
            }
            try {
                writer.add(evalCase);
            } catch (IllegalArgumentException e) {
                problem(new InvalidInputException(sources.get(sourceIndex).path(), line, null, e.getMessage()));
                return;
            }
            written++;
            canary |= evalCase.expected().containsKey("canary");
            evalCase.tags().forEach(t -> byTag.merge(t, 1, Integer::sum));
        }

        @Override
        public void problem(InvalidInputException problem) {
            bad++;
            if (listed.size() < MAX_LISTED) {
                listed.add(problem);
            }
        }

        @Override
        public void note(String note) {
            notes.add(note);
        }

        List<InvalidInputException> problems() {
            if (bad <= listed.size()) {
                return listed;
            }
            List<InvalidInputException> out = new ArrayList<>(listed);
            out.add(new InvalidInputException(null, 0, null, (bad - listed.size()) + " more bad rows not listed"));
            return out;
        }
    }
}
