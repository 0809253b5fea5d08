package dev.evalgate.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    /** Loads the page's template ahead of a run's reports ({@link RunReportsRenderer#prepare}). */
    public static void prepare() {
        HtmlReport.prepare();
    }

    public static ReportFiles writeAll(RunResult run, ReportContext context, Path directory) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(context, "context");
        ReportFiles files = ReportFiles.in(directory);
        ReportModel model = ReportModel.of(run, context);
        try {
            Files.createDirectories(directory);
            // The page (mostly compressing its case data) is written on another core while the other reports are
            // written here; both only read the run and the model.
            CompletableFuture<Void> html = CompletableFuture.runAsync(() -> {
                try {
                    HtmlReport.write(model, files.html());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, RunReports::startThread);
            try {
                JsonReport.write(run, context, model, files.json());
                JUnitXmlReport.write(run, context.verdict().orElse(null), files.junitXml());
                MarkdownSummary.write(model, files.markdown());
            } finally {
                awaitPage(html);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports into " + directory + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk is not full", e);
        }
        return files;
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "evalgate-report-html");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the page even when another report failed, so no half-written page is left behind a return. */
    private static void awaitPage(CompletableFuture<Void> html) throws IOException {
        try {
            html.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
