package dev.evalgate.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import dev.evalgate.engine.RunResult;
import dev.evalgate.reports.html.HtmlReport;
import dev.evalgate.reports.json.JsonReport;
import dev.evalgate.reports.junit.JUnitXmlReport;
import dev.evalgate.reports.markdown.MarkdownSummary;
import dev.evalgate.reports.model.ReportModel;

/**
 * Writes every report of a run into a directory: {@code report.html}, {@code report.json}, {@code junit.xml} and
 * {@code summary.md}. Reports read only the run (and its context), never a model, so they can be re-rendered from
 * a stored run at any time.
 */
public final class RunReports {
    private RunReports() {
    }

    public static ReportFiles writeAll(RunResult run, ReportContext context, Path directory) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(context, "context");
        ReportFiles files = ReportFiles.in(directory);
        ReportModel model = ReportModel.of(run, context);
        try {
            Files.createDirectories(directory);
            HtmlReport.write(model, files.html());
            JsonReport.write(run, context, model, files.json());
            JUnitXmlReport.write(run, context.verdict().orElse(null), files.junitXml());
            MarkdownSummary.write(model, files.markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports into " + directory + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk is not full", e);
        }
        return files;
    }
}
