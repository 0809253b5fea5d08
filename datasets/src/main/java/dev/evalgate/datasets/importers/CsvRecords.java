package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets write it: fields in double quotes may hold commas, line breaks and doubled quotes;
 * CRLF or LF line ends. Each record keeps the line it starts on, so a bad row can be named; a row with text after a
 * closing quote is reported and marked malformed.
 */
public final class CsvRecords {
    private CsvRecords() {
    }

    /** One record: the physical line it starts on, its fields, and whether a field in it was malformed. */
    public record Row(int line, List<String> fields, boolean malformed) {
    }

    /** Splits the text into records, refusing the file at its first malformed record (file and line named). */
    public static List<Row> parseStrict(Path file, String text) {
        RowProblems problems = new RowProblems();
        List<Row> rows = parse(file, text, problems);
        if (!problems.list().isEmpty()) {
            throw problems.list().get(0);
        }
        return rows;
    }

    /**
     * Splits the text into records. A quote left open at the end of the file is reported at the line where its
     * field began, and the rest of the file is dropped (there is no way to tell where the row should have ended).
     */
    static List<Row> parse(Path file, String text, RowProblems problems) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        boolean afterClosingQuote = false;
        boolean malformed = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    afterClosingQuote = true;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
                i++;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                afterClosingQuote = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                afterClosingQuote = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    rows.add(new Row(rowLine, List.copyOf(fields), malformed));
                }
                malformed = false;
                fields.clear();
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                rowLine = line;
            } else {
                if (afterClosingQuote && !malformed) {
                    problems.add(file, line, null, "text after a closing quote; double a quote inside a quoted"
                            + " field (\"\")");
                    malformed = true;
                }
                field.append(c);
                fieldStarted = true;
                i++;
            }
        }
        if (quoted) {
            problems.add(file, quoteLine, null, "a quoted field opened on this line is never closed");
            return rows;
        }
        if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields), malformed));
        }
        return rows;
    }
}
