package dev.evalgate.datasets.importers;

import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/** Generic JSON Lines: each line an object, turned into a case by the user's {@link FieldMapping}. */
final class MappedJsonlRows implements RecordReader {
    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        SourceLineReader.forEach(source, InputKind.IMPORT_SOURCE, sink, (line, text) -> {
            JsonNode row;
            try {
                row = SourceFiles.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                sink.problem(SourceFiles.malformedLine(source, line, e));
                return;
            }
            if (!row.isObject()) {
                sink.problem(new InvalidInputException(source, line, null, "expected a JSON object on each line"));
                return;
            }
            try {
                sink.accept(line, mapping.apply(row, source, line, idPrefix));
            } catch (InvalidInputException e) {
                sink.problem(e);
            }
        });
    }
}
