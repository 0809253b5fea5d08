package dev.evalgate.datasets.importers;

import java.util.List;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * What an importer made of a source: the cases it built and every source row it could not use, each naming the
 * file and line. The caller decides whether a bad row stops the import.
 *
 * @param cases       cases in source order, ids unique
 * @param problems    bad source rows, in source order
 * @param description one sentence on how the cases were built, for the manifest
 * @param tags        corpus-level tags for the manifest
 */
public record ImportedCases(List<EvalCase> cases, List<InvalidInputException> problems, String description,
                            List<String> tags) {
    public ImportedCases {
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
