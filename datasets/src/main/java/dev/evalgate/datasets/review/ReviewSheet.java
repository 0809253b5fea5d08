package dev.evalgate.datasets.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.datasets.importers.CsvRecords;

/**
 * The file a reviewer fills in: CSV (for a spreadsheet) or JSON Lines, chosen by the file's extension. Columns, in
 * this order: {@code corpus, case_id, run, verdict, scores, input, reference, output} (exported) and {@code label,
 * corrected_reference, note, reviewer} (filled in). {@code label} is {@code pass}, {@code fail} or 1 to 5.
 *
 * <p>Model outputs are hostile input, and a spreadsheet runs a cell that starts with {@code =}, {@code +},
 * {@code -} or {@code @} as a formula: in CSV, an exported cell starting with one of those (or with an apostrophe,
 * a tab or a carriage return) gets a leading apostrophe, which reading removes again, so outputs come back as they
 * were (a line break inside a CSV cell reads back as {@code \n}, as spreadsheets write it).
 * Every mistake in a sheet read back names the file, the line the row starts on and the column.
 */
public final class ReviewSheet {
    public static final List<String> EXPORTED = List.of("corpus", "case_id", "run", "verdict", "scores", "input",
            "reference", "output");
    public static final List<String> FILLED_IN = List.of("label", "corrected_reference", "note", "reviewer");
    private static final List<String> COLUMNS = concat(EXPORTED, FILLED_IN);
    private static final Set<String> FORMULA_STARTS = Set.of("=", "+", "-", "@", "'", "\t", "\r");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewSheet() {
    }

    public enum Format {
        CSV, JSONL;

        /** By the file's extension: {@code .csv} or {@code .jsonl}/{@code .json}. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                return JSONL;
            }
            throw new InvalidInputException(file, 0, null, "a review sheet is a .csv or a .jsonl file");
        }
    }

    public static void write(Path file, List<ReviewRow> rows) {
        Format format = Format.of(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (format == Format.CSV) {
                    out.write(String.join(",", COLUMNS));
                    out.write("\r\n");
                }
                for (ReviewRow row : rows) {
                    out.write(format == Format.CSV ? csvLine(row) : jsonLine(row));
                    out.write(format == Format.CSV ? "\r\n" : "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the review sheet " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<ReviewRow> read(Path file) {
        Format format = Format.of(file);
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, 0, null, "review sheet not found; export one with 'evalgate"
                    + " datasets review RUN_DIR --out FILE'");
        }
        return format == Format.CSV ? readCsv(file) : readJsonl(file);
    }

    private static List<ReviewRow> readCsv(Path file) {
        List<CsvRecords.Row> records = CsvRecords.parseStrict(file, InputFiles.readText(file, InputKind.LABELS));
        if (records.isEmpty()) {
            throw new InvalidInputException(file, 1, null, "the review sheet is empty; expected a header line: "
                    + String.join(",", COLUMNS));
        }
        CsvRecords.Row header = records.get(0);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().replace("\uFEFF", "");
            if (!COLUMNS.contains(name)) {
                throw new InvalidInputException(file, header.line(), name, "unknown column; the columns are "
                        + String.join(", ", COLUMNS));
            }
            if (position.put(name, i) != null) {
                throw new InvalidInputException(file, header.line(), name, "the column appears twice");
            }
        }
        if (!position.containsKey("case_id")) {
            throw new InvalidInputException(file, header.line(), "case_id", "required column is missing");
        }
        List<ReviewRow> rows = new ArrayList<>();
        for (CsvRecords.Row record : records.subList(1, records.size())) {
            if (record.fields().size() > header.fields().size()) {
                throw new InvalidInputException(file, record.line(), null, record.fields().size() + " fields but the"
                        + " header has " + header.fields().size() + "; quote a cell that holds a comma");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            position.forEach((name, i) -> {
                String cell = i < record.fields().size() ? record.fields().get(i) : "";
                cells.put(name, EXPORTED.contains(name) ? unescapeCell(cell) : cell);
            });
            rows.add(row(file, record.line(), cells));
        }
        return rows;
    }

    private static List<ReviewRow> readJsonl(Path file) {
        List<ReviewRow> rows = new ArrayList<>();
        for (CorpusLoader.TextLine line : CorpusLoader.lines(file, InputKind.LABELS)) {
            if (line.text().isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line.text());
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file, line.number(), null, "not valid JSON: "
                        + JsonProblems.problem(e));
            }
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(file, line.number(), null, "each line must be a JSON object");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!COLUMNS.contains(field.getKey())) {
                    throw new InvalidInputException(file, line.number(), field.getKey(), "unknown field; the fields"
                            + " are " + String.join(", ", COLUMNS));
                }
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (field.getKey().equals("label") && value.isIntegralNumber() || value.isBoolean()
                        && field.getKey().equals("label")) {
                    cells.put("label", value.isBoolean() ? (value.asBoolean() ? "pass" : "fail") : value.asText());
                } else if (!value.isTextual()) {
                    throw new InvalidInputException(file, line.number(), field.getKey(), "must be a text");
                } else {
                    cells.put(field.getKey(), value.asText());
                }
            }
            rows.add(row(file, line.number(), cells));
        }
        return rows;
    }

    private static ReviewRow row(Path file, int line, Map<String, String> cells) {
        String caseId = cells.getOrDefault("case_id", "").strip();
        if (caseId.isEmpty()) {
            throw new InvalidInputException(file, line, "case_id", "required field is empty");
        }
        String label = cells.getOrDefault("label", "").strip().toLowerCase(Locale.ROOT);
        if (!label.isEmpty() && !label.equals("pass") && !label.equals("fail") && !label.matches("[1-5]")) {
            throw new InvalidInputException(file, line, "label", "must be pass, fail or an integer from 1 to 5 (or"
                    + " empty when the row was not reviewed), was '" + cells.get("label") + "'");
        }
        return new ReviewRow(line, cells.get("corpus"), caseId, cells.get("run"), cells.get("verdict"),
                cells.get("scores"), cells.get("input"), cells.get("reference"), cells.get("output"), label,
                cells.get("corrected_reference"), cells.get("note"), cells.getOrDefault("reviewer", "").strip());
    }

    private static String csvLine(ReviewRow row) {
        List<String> cells = List.of(row.corpus(), row.caseId(), row.run(), row.verdict(), row.scores(), row.input(),
                row.reference(), row.output(), row.label(), row.correctedReference(), row.note(), row.reviewer());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = i < EXPORTED.size() ? escapeCell(cells.get(i)) : cells.get(i);
            out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        return out.toString();
    }

    private static String jsonLine(ReviewRow row) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("corpus", row.corpus());
        out.put("case_id", row.caseId());
        out.put("run", row.run());
        out.put("verdict", row.verdict());
        out.put("scores", row.scores());
        out.put("input", row.input());
        out.put("reference", row.reference());
        out.put("output", row.output());
        out.put("label", row.label());
        out.put("corrected_reference", row.correctedReference());
        out.put("note", row.note());
        out.put("reviewer", row.reviewer());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review row holds only texts", e);
        }
    }

    /** Keeps a spreadsheet from running a cell as a formula; {@link #unescapeCell} undoes it. */
    static String escapeCell(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.contains(cell.substring(0, 1)) ? "'" + cell : cell;
    }

    static String unescapeCell(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
