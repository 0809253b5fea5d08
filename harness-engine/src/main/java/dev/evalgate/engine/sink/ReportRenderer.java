package dev.evalgate.engine.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Writes a run's reports (HTML, JSON, JUnit XML, Markdown) into a directory. Implementations are discovered with
 * {@link java.util.ServiceLoader}, so the engine never imports a template engine or a report format. Unlike a
 * {@link RunSink}, a renderer is part of the verdict's output: when it fails, the pipeline fails.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface ReportRenderer {
    /** A short name for messages, such as {@code reports}. */
    String name();

    /**
     * @param directory where the reports go; it may not exist yet
     * @return the files written
     */
    List<Path> render(ReportInput input, Path directory) throws IOException;

    /**
     * Loads what rendering needs and every run needs alike (templates, formatters), so that {@link #render} finds
     * it ready. Called on a thread of its own while a run's cases are evaluated, possibly still running when
     * {@code render} is called: it must be safe alongside it. A failure here is ignored; {@code render} reports it.
     */
    default void prepare() {
    }
}
