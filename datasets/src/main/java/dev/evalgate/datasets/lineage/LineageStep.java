package dev.evalgate.datasets.lineage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.evalgate.datasets.PlainData;

/**
 * One operation that produced one corpus version from zero or more parent versions.
 *
 * @param operation  what was done: {@code import}, {@code sample}, {@code split}, {@code dedupe}, {@code redact},
 *                   {@code freeze}, or another tool's own name; see {@link Operations}
 * @param corpus     the corpus version the operation produced
 * @param parents    the corpus versions it read (none for an import from outside files)
 * @param parameters how it was done, as plain data: the source file and mapping of an import, the seed and
 *                   split of a split, the changelog counts of a freeze
 */
public record LineageStep(String operation, CorpusRef corpus, List<CorpusRef> parents,
                          Map<String, Object> parameters) {
    public LineageStep {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(corpus, "corpus");
        if (!operation.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("operation '" + operation + "': use lowercase letters, digits and '-'");
        }
        parents = parents == null ? List.of() : List.copyOf(parents);
        parameters = PlainData.immutableMap(parameters);
    }

    /** The same step, producing the given corpus version (the writer pins name, version and sha256). */
    public LineageStep producing(CorpusRef produced) {
        return new LineageStep(operation, produced, parents, parameters);
    }
}
