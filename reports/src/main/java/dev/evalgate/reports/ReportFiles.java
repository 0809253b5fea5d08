package dev.evalgate.reports;

import java.nio.file.Path;
import java.util.Objects;

/** Where {@link RunReports#writeAll} put each report. */
public record ReportFiles(Path html, Path json, Path junitXml, Path markdown) {
    public static final String HTML = "report.html";
    public static final String JSON = "report.json";
    public static final String JUNIT_XML = "junit.xml";
    public static final String MARKDOWN = "summary.md";

    public ReportFiles {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(junitXml, "junitXml");
        Objects.requireNonNull(markdown, "markdown");
    }

    public static ReportFiles in(Path directory) {
        return new ReportFiles(directory.resolve(HTML), directory.resolve(JSON), directory.resolve(JUNIT_XML),
                directory.resolve(MARKDOWN));
    }
}
