package dev.evalgate.engine.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** The report renderers on the class path; renders a run with every one of them. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class ReportRenderers {
    private final List<ReportRenderer> renderers;

    public ReportRenderers(List<ReportRenderer> renderers) {
        this.renderers = List.copyOf(renderers);
    }

    public static ReportRenderers load() {
        List<ReportRenderer> found = new ArrayList<>();
        for (ReportRenderer renderer : ServiceLoader.load(ReportRenderer.class)) {
            found.add(renderer);
        }
        return new ReportRenderers(found);
    }

    /** None: a front end that writes no reports (a test that only needs the verdict). */
    public static ReportRenderers none() {
        return new ReportRenderers(List.of());
    }

    public List<ReportRenderer> renderers() {
        return renderers;
    }

    /**
     * Lets every renderer {@link ReportRenderer#prepare prepare} on a background thread, while the caller runs the
     * cases; a short run's reports are then written without first loading their templates.
     */
    public void prepareInBackground() {
        if (renderers.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> {
            for (ReportRenderer renderer : renderers) {
                try {
                    renderer.prepare();
                } catch (RuntimeException | LinkageError e) {
                    // render() meets the same problem and reports it with the run's context.
                }
            }
        }, "evalgate-report-prepare");
        thread.setDaemon(true); // never keeps a finished command's JVM alive
        thread.start();
    }

    /** @return every file written, in renderer order */
    public List<Path> render(ReportInput input, Path directory) {
        List<Path> written = new ArrayList<>();
        for (ReportRenderer renderer : renderers) {
            try {
                written.addAll(renderer.render(input, directory));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + renderer.name() + " into " + directory + ": "
                        + e.getMessage() + "; check that the directory is writable and the disk is not full", e);
            }
        }
        return List.copyOf(written);
    }
}
