package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Generic CSV (RFC 4180, a header row naming the columns): each row becomes an object of column name to text,
 * turned into a case by the user's {@link FieldMapping} ({@code $.question} or {@code $['Customer question']}).
 */
final class MappedCsvRows implements RecordReader {
    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        String text = InputFiles.readText(source, InputKind.IMPORT_SOURCE);
        RowProblems parseProblems = new RowProblems();
        List<CsvRecords.Row> rows = CsvRecords.parse(source, text, parseProblems);
        parseProblems.list().forEach(sink::problem);
        if (rows.isEmpty()) {
            throw new InvalidInputException(source, 0, null, "the file is empty; expected a header row and rows");
        }
        List<String> header = rows.get(0).fields();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (column.isBlank() || !seen.add(column.strip())) {
                throw new InvalidInputException(source, rows.get(0).line(), null, "the header row needs a distinct,"
                        + " non-empty name for every column; '" + column + "' is "
                        + (column.isBlank() ? "empty" : "repeated"));
            }
        }
        for (CsvRecords.Row row : rows.subList(1, rows.size())) {
            if (row.malformed()) {
                continue; // already reported by the parser
            }
            if (row.fields().size() != header.size()) {
                sink.problem(new InvalidInputException(source, row.line(), null, row.fields().size() + " fields"
                        + " where the header has " + header.size() + "; quote fields that hold a comma"));
                continue;
            }
            ObjectNode object = SourceFiles.JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                object.put(header.get(i).strip(), row.fields().get(i));
            }
            try {
                sink.accept(row.line(), mapping.apply(object, source, row.line(), idPrefix));
            } catch (InvalidInputException e) {
                sink.problem(e);
            }
        }
    }
}
