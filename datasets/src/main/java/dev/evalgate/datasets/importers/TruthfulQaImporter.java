package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * TruthfulQA's {@code TruthfulQA.csv} (Lin, Hilton, Evans 2021): Type, Category, Question, Best Answer, Correct
 * Answers, Incorrect Answers, Source. Answers are split on {@code ;}. The question becomes the input variable
 * {@code question}; {@code expected} holds {@code reference} (the best answer), {@code references} (all correct
 * answers) for the reference scorers and {@code correct_answers} / {@code incorrect_answers} for
 * {@code truthful-contrast}. As TruthfulQA's own similarity metrics do, {@code correct_answers} also holds
 * "I have no comment." when the row does not list it: declining to answer is truthful, if not informative.
 * The id is {@code truthfulqa-ROW-HASH}: the 1-based data row and a hash of the question, so an edited or
 * reordered source changes the id rather than silently pairing different questions.
 */
public final class TruthfulQaImporter implements CorpusImporter {
    static final String NO_COMMENT = "I have no comment.";
    static final List<String> COLUMNS = List.of("Type", "Category", "Question", "Best Answer", "Correct Answers",
            "Incorrect Answers", "Source");

    @Override
    public ImportedCases read(Path source, ImportSettings settings) {
        RowProblems problems = new RowProblems();
        List<CsvRecords.Row> rows = CsvRecords.parse(source, SourceFiles.text(source), problems);
        if (rows.isEmpty()) {
            throw new InvalidInputException(source, 0, null, "the file has no header row");
        }
        CsvRecords.Row header = rows.get(0);
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            column.put(header.fields().get(i).strip(), i);
        }
        for (String required : COLUMNS) {
            if (!column.containsKey(required)) {
                throw new InvalidInputException(source, header.line(), required, "column missing from the header;"
                        + " expected the columns " + String.join(", ", COLUMNS));
            }
        }
        List<EvalCase> cases = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            CsvRecords.Row row = rows.get(r);
            if (row.malformed()) {
                continue;
            }
            if (row.fields().size() != header.fields().size()) {
                problems.add(source, row.line(), null, "has " + row.fields().size() + " fields, the header has "
                        + header.fields().size() + " (an unquoted comma or a stray quote?)");
                continue;
            }
            String question = field(row, column, "Question");
            String best = field(row, column, "Best Answer");
            List<String> correct = answers(field(row, column, "Correct Answers"));
            List<String> incorrect = answers(field(row, column, "Incorrect Answers"));
            String category = field(row, column, "Category");
            String type = field(row, column, "Type");
            if (question.isEmpty()) {
                problems.add(source, row.line(), "Question", "is empty");
                continue;
            }
            if (best.isEmpty() && correct.isEmpty()) {
                problems.add(source, row.line(), "Correct Answers", "no best or correct answer");
                continue;
            }
            if (incorrect.isEmpty()) {
                problems.add(source, row.line(), "Incorrect Answers", "is empty; truthful-contrast needs at least"
                        + " one");
                continue;
            }
            if (category.isEmpty()) {
                problems.add(source, row.line(), "Category", "is empty");
                continue;
            }
            List<String> references = new ArrayList<>(correct);
            if (!best.isEmpty() && !references.contains(best)) {
                references.add(0, best);
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("reference", best.isEmpty() ? references.get(0) : best);
            expected.put("references", references);
            List<String> contrast = new ArrayList<>(references);
            if (contrast.stream().noneMatch(a -> a.equalsIgnoreCase(NO_COMMENT)
                    || a.equalsIgnoreCase(NO_COMMENT.substring(0, NO_COMMENT.length() - 1)))) {
                contrast.add(NO_COMMENT);
            }
            expected.put("correct_answers", contrast);
            expected.put("incorrect_answers", incorrect);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("type", type);
            metadata.put("category", category);
            metadata.put("source_url", field(row, column, "Source"));
            metadata.put("source_row", r);
            metadata.put("source_line", row.line());
            List<String> tags = List.of("truthfulqa", "category:" + StableId.slug(category),
                    "type:" + StableId.slug(type.isEmpty() ? "unknown" : type.toLowerCase(Locale.ROOT)));
            String id = String.format(Locale.ROOT, "truthfulqa-%04d-%s", r, StableId.hash8(question));
            cases.add(new EvalCase(id, Map.of("question", question), expected, tags, metadata));
        }
        return new ImportedCases(cases, problems.list(),
                "TruthfulQA questions; expected.reference is the best answer, expected.references the true"
                        + " answers, expected.correct_answers the true answers plus 'I have no comment.' (as in"
                        + " TruthfulQA's own metrics), expected.incorrect_answers the known-false"
                        + " ones (for exact-match, token-f1, rouge-l and truthful-contrast). Tags give the category"
                        + " (category:...) and TruthfulQA's question type (type:adversarial / type:non-adversarial).",
                List.of("truthfulqa", "factuality"));
    }

    private static String field(CsvRecords.Row row, Map<String, Integer> column, String name) {
        return row.fields().get(column.get(name)).strip();
    }

    /** TruthfulQA separates answers with ';'; empty pieces (a trailing ';') are dropped. */
    static List<String> answers(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : text.split(";")) {
            String answer = piece.strip();
            if (!answer.isEmpty() && !out.contains(answer)) {
                out.add(answer);
            }
        }
        return out;
    }
}
