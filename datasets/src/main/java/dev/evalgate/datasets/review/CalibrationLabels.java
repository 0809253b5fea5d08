package dev.evalgate.datasets.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.InvalidInputException;

/**
 * Writes the labelled rows of a review sheet as a human labels file for {@code evalgate judges calibrate} and a judge
 * scorer's {@code calibration_labels}: one {@code {id, input, output, reference, label, note, reviewer,
 * reviewed_at}} a line, {@code label} being {@code "pass"}/{@code "fail"} or an integer 1 to 5. A labels file holds
 * one kind of label; a sheet that mixes them is refused at the first row of the other kind.
 */
public final class CalibrationLabels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CalibrationLabels() {
    }

    /** How many rows became labels, and how many had no label. */
    public record Written(int labels, int unlabelled) {
    }

    public static Written write(Path sheet, List<ReviewRow> rows, String defaultReviewer, LocalDate date, Path file,
                                boolean overwrite) {
        if (!overwrite && Files.exists(file)) {
            throw new InvalidInputException(file, 0, null, "a labels file already exists here; choose another file"
                    + " or pass --force to replace it");
        }
        Boolean scale = null;
        int labels = 0;
        int unlabelled = 0;
        StringBuilder text = new StringBuilder();
        for (ReviewRow row : rows) {
            if (row.label().isEmpty()) {
                unlabelled++;
                continue;
            }
            boolean rowScale = !row.label().equals("pass") && !row.label().equals("fail");
            if (scale != null && scale != rowScale) {
                throw new InvalidInputException(sheet, row.line(), "label", "mixes pass/fail and 1-5 labels; a"
                        + " calibration set uses one kind");
            }
            scale = rowScale;
            String reviewer = !row.reviewer().isBlank() ? row.reviewer()
                    : defaultReviewer == null ? "" : defaultReviewer.strip();
            if (reviewer.isEmpty()) {
                throw new InvalidInputException(sheet, row.line(), "reviewer", "who labelled this row? Fill in the"
                        + " reviewer column, or give --reviewer NAME for the whole sheet");
            }
            if (row.input().isBlank()) {
                throw new InvalidInputException(sheet, row.line(), "input", "a calibration label needs the input"
                        + " the model saw; keep the exported column");
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", row.corpus().isEmpty() ? row.caseId() : row.corpus() + "/" + row.caseId());
            item.put("input", row.input());
            item.put("output", row.output());
            String reference = !row.correctedReference().isBlank() ? row.correctedReference() : row.reference();
            if (!reference.isBlank()) {
                item.put("reference", reference);
            }
            item.put("label", rowScale ? (Object) Integer.parseInt(row.label()) : row.label());
            if (!row.note().isBlank()) {
                item.put("note", row.note());
            }
            item.put("reviewer", reviewer);
            item.put("reviewed_at", date.toString());
            try {
                text.append(JSON.writeValueAsString(item)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a label holds only texts and numbers", e);
            }
            labels++;
        }
        if (labels == 0) {
            throw new InvalidInputException(sheet, 0, "label", "no row has a label; fill in pass, fail or 1 to 5");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the labels file " + file + ": " + e.getMessage(), e);
        }
        return new Written(labels, unlabelled);
    }
}
