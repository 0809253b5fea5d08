package dev.evalgate.reports;

import java.nio.file.Path;
import java.util.List;

import dev.evalgate.engine.sink.ReportInput;
import dev.evalgate.engine.sink.ReportRenderer;

/** Puts {@link RunReports} behind the engine's renderer SPI, so the pipeline writes every report of a run. */
public final class RunReportsRenderer implements ReportRenderer {
    @Override
    public String name() {
        return "reports";
    }

    @Override
    public void prepare() {
        RunReports.prepare();
    }

    @Override
    public List<Path> render(ReportInput input, Path directory) {
        ReportFiles files = RunReports.writeAll(input.run(), new ReportContext(input.baseline(), input.comparison(),
                input.verdict()), directory);
        return List.of(files.html(), files.json(), files.junitXml(), files.markdown());
    }
}
