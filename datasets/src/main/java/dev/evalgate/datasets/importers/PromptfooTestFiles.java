package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * The tests of a promptfoo test file ({@code tests: file://tests.csv}, or such an item in the list of tests): a
 * YAML or JSON list of tests, JSONL with a test per line, or a CSV with a header row ({@link
 * PromptfooTestEntry#ofCsvRow}). Generators (scripts, spreadsheets online) are not run.
 */
final class PromptfooTestFiles {
    private PromptfooTestFiles() {
    }

    /**
     * The tests in {@code file}; a row or test that cannot be read goes to {@code problems} and the rest are kept.
     * {@code namedAt} is where the configuration names the file, for errors about the file as a whole.
     */
    static List<PromptfooTestEntry> read(Path file, PromptfooVars.Origin namedAt, RowSink problems) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (PromptfooVars.isScript(name)) {
            throw new InvalidInputException(namedAt.file(), namedAt.line(), namedAt.field(), file.getFileName()
                    + " is a script, which promptfoo runs to generate the tests; evalgate runs no script: write"
                    + " the tests it makes to a .yaml, .json, .jsonl or .csv file and name that");
        }
        String text;
        try {
            text = InputFiles.readText(file, InputKind.IMPORT_SOURCE);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(namedAt.file(), namedAt.line(), namedAt.field(), e.getMessage());
        }
        List<PromptfooTestEntry> tests = new ArrayList<>();
        if (name.endsWith(".csv")) {
            RowProblems rowProblems = new RowProblems();
            List<CsvRecords.Row> rows = CsvRecords.parse(file, text, rowProblems);
            rowProblems.list().forEach(problems::problem);
            if (rows.isEmpty()) {
                return tests;
            }
            List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
            for (CsvRecords.Row row : rows.subList(1, rows.size())) {
                if (row.malformed() || row.fields().stream().allMatch(String::isBlank)) {
                    continue;
                }
                try {
                    tests.add(PromptfooTestEntry.ofCsvRow(file, header, row));
                } catch (InvalidInputException e) {
                    problems.problem(e);
                }
            }
            return tests;
        }
        if (name.endsWith(".jsonl")) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    tests.add(PromptfooTestEntry.ofJson(file, i + 1, SourceFiles.JSON.readValue(lines[i],
                            Object.class)));
                } catch (JsonProcessingException e) {
                    problems.problem(new InvalidInputException(file, i + 1, null, "malformed JSON: "
                            + e.getOriginalMessage()));
                } catch (InvalidInputException e) {
                    problems.problem(e);
                }
            }
            return tests;
        }
        ConfigNode root;
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            root = ConfigNode.parseYamlList(file, text);
        } else {
            throw new InvalidInputException(namedAt.file(), namedAt.line(), namedAt.field(), file.getFileName()
                    + ": promptfoo test files are .yaml, .yml, .json, .jsonl or .csv");
        }
        for (ConfigNode test : root.asList()) {
            try {
                tests.add(PromptfooTestEntry.of(file, test));
            } catch (InvalidInputException e) {
                problems.problem(e);
            }
        }
        return tests;
    }
}
