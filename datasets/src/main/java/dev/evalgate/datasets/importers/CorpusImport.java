package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.tooling.CorpusWriter;

/**
 * Imports one or more public sources into one corpus: runs each source's importer, joins the cases (ids must stay
 * unique across sources), and builds the manifest with the licences and sources carried over. Nothing is written
 * while any source row is bad, unless the caller chooses to skip bad rows.
 */
public final class CorpusImport {

    /** One source to import and its format. */
    public record Source(SourceFormat format, Path path) {
        public Source {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The joined cases, every bad row of every source, and the manifest to write (its sha256 not yet known). */
    public record Outcome(List<EvalCase> cases, List<InvalidInputException> problems, CorpusManifest manifest) {
        public Outcome {
            cases = List.copyOf(cases);
            problems = List.copyOf(problems);
        }

        /** Writes the corpus directory and returns the manifest with its sha256 pinned. */
        public CorpusManifest write(Path directory, boolean overwrite) {
            if (cases.isEmpty()) {
                throw new InvalidInputException(null, 0, null, "the sources gave no cases; nothing to write");
            }
            return CorpusWriter.write(directory, manifest, cases, overwrite);
        }
    }

    private CorpusImport() {
    }

    public static Outcome run(List<Source> sources, ImportSettings settings) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: at least one source is needed");
        }
        List<EvalCase> cases = new ArrayList<>();
        List<InvalidInputException> problems = new ArrayList<>();
        Map<String, Path> sourceOfId = new HashMap<>();
        Set<String> descriptions = new LinkedHashSet<>();
        Set<String> licenses = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        for (Source source : sources) {
            ImportedCases imported = source.format().importer().read(source.path(), settings);
            problems.addAll(imported.problems());
            for (EvalCase c : imported.cases()) {
                Path earlier = sourceOfId.putIfAbsent(c.id(), source.path());
                if (earlier != null) {
                    problems.add(new InvalidInputException(source.path(), lineOf(c), "id", "builds case id '"
                            + c.id() + "' that " + earlier + " already built; import each source once"));
                    continue;
                }
                cases.add(c);
            }
            descriptions.add(imported.description());
            licenses.add(source.format().upstreamLicense());
            origins.add(source.format().upstreamSource());
            tags.addAll(imported.tags());
        }
        StringBuilder description = new StringBuilder();
        if (!settings.description().isBlank()) {
            description.append(settings.description().strip()).append("\n\n");
        }
        description.append(String.join("\n\n", descriptions));
        if (cases.stream().anyMatch(c -> c.expected().containsKey("canary"))) {
            description.append("\n\n").append(InjectionCases.canaryConvention(settings.canary()));
        }
        String license = settings.license().isBlank() ? String.join(" AND ", licenses) : settings.license();
        String origin = settings.source().isBlank() ? String.join("; ", origins) : settings.source();
        CorpusManifest manifest = new CorpusManifest(settings.name(), settings.version(), description.toString(),
                license, origin, CorpusManifest.DEFAULT_CASES_FILE, "0".repeat(64), List.copyOf(tags));
        return new Outcome(cases, problems, manifest);
    }

    private static int lineOf(EvalCase c) {
        return c.metadata().get("source_line") instanceof Number n ? n.intValue() : 0;
    }
}
