package dev.evalgate.judges.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.internal.Json;

/**
 * Reads a human labels file: JSON Lines, one labelled item per line, blank lines ignored.
 *
 * <pre>{@code
 * {"input": "What is the capital of France?", "output": "Paris.", "reference": "Paris", "label": "pass"}
 * {"input": "Summarise the memo.", "output": "The memo ...", "label": 4}
 * {"input": "Write a haiku.", "output": "...", "baseline": "...", "label": "fail"}
 * }</pre>
 *
 * <ul>
 *   <li>{@code input} (text, required): the task as the model saw it;</li>
 *   <li>{@code output} (text, required): the answer the person judged;</li>
 *   <li>{@code reference} (text, optional): the reference answer, for {@code llm-closed-qa};</li>
 *   <li>{@code baseline} (text, optional): the other answer, for {@code llm-pairwise}, where {@code pass} means
 *       "the output is at least as good as the baseline";</li>
 *   <li>{@code id}, {@code note}, {@code reviewer}, {@code reviewed_at} (optional): where the item came from and
 *       who labelled it when, as {@code datasets review --apply --labels-out} writes them;</li>
 *   <li>{@code label} (required): {@code "pass"} / {@code "fail"} (or {@code true} / {@code false}), or an integer
 *       {@code 1}..{@code 5} for a 1–5 rubric. All lines of a file use the same kind of label.</li>
 * </ul>
 * Every mistake names the file, the line and the field.
 */
public final class HumanLabels {
    private static final Set<String> FIELDS = Set.of("input", "output", "reference", "baseline", "label", "id",
            "note", "reviewer", "reviewed_at");
    /** A calibration set is read in full; this bounds a wrong file being read by mistake. */
    private static final int MAX_ITEMS = 100_000;

    private HumanLabels() {
    }

    public static List<HumanLabel> read(Path file) {
        List<HumanLabel> labels = new ArrayList<>();
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, 0, null, "labels file not found; give the path of a JSONL file"
                    + " with one {input, output, label} object per line");
        }
        Boolean scale = null;
        for (CorpusLoader.TextLine textLine : CorpusLoader.lines(file, InputKind.LABELS)) {
            String text = textLine.text();
            int line = textLine.number();
            if (text.isBlank()) {
                continue;
            }
            if (labels.size() == MAX_ITEMS) {
                throw new InvalidInputException(file, line, null, "more than " + MAX_ITEMS + " labelled items;"
                        + " split the file");
            }
            HumanLabel label = parse(file, line, text);
            if (scale != null && scale != label.scale()) {
                throw new InvalidInputException(file, line, "label", "mixes pass/fail and 1-5 labels; use one"
                        + " kind per file");
            }
            scale = label.scale();
            labels.add(label);
        }
        if (labels.isEmpty()) {
            throw new InvalidInputException(file, 0, null, "the labels file has no items");
        }
        return List.copyOf(labels);
    }

    private static HumanLabel parse(Path file, int line, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, line, null, "not valid JSON: " + JsonProblems.problem(e));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file, line, null, "each line must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(file, line, field, "unknown field; allowed: input, output, reference,"
                        + " baseline, label (and id, note, reviewer, reviewed_at)");
            }
        }
        return new HumanLabel(line, text(file, line, node, "input", true), text(file, line, node, "output", true),
                text(file, line, node, "reference", false), text(file, line, node, "baseline", false),
                label(file, line, node.get("label")));
    }

    private static String text(Path file, int line, JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(file, line, field, "required field is missing");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(file, line, field, "must be a text");
        }
        return value.asText();
    }

    private static String label(Path file, int line, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException(file, line, "label", "required field is missing; use \"pass\", \"fail\""
                    + " or 1 to 5");
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "pass" : "fail";
        }
        if (value.isIntegralNumber() && value.asInt() >= 1 && value.asInt() <= 5) {
            return String.valueOf(value.asInt());
        }
        if (value.isTextual()) {
            String text = value.asText().strip().toLowerCase(Locale.ROOT);
            if (text.equals("pass") || text.equals("fail")) {
                return text;
            }
            if (text.matches("[1-5]")) {
                return text;
            }
        }
        throw new InvalidInputException(file, line, "label", "must be \"pass\", \"fail\" or an integer from 1 to 5,"
                + " was " + value);
    }
}
