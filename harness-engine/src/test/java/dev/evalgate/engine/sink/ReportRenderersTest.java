package dev.evalgate.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ReportRenderersTest {
    @Test
    void renderersPrepareOnABackgroundThreadWithoutHoldingTheCallerUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> preparedOn = new CompletableFuture<>();
        ReportRenderer slow = new Renderer(() -> {
            await(release); // a slow template: the caller must not wait for it
            preparedOn.complete(Thread.currentThread().getName());
        });
        ReportRenderer failing = new Renderer(() -> {
            throw new IllegalStateException("template missing");
        });
        ReportRenderers renderers = new ReportRenderers(List.of(failing, slow));

        renderers.prepareInBackground();
        assertThat(preparedOn).as("the caller went on while the renderer prepares").isNotDone();

        release.countDown();
        assertThat(preparedOn.get(10, TimeUnit.SECONDS)).as("a failing renderer does not stop the next one")
                .isEqualTo("evalgate-report-prepare");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Renderer(Runnable onPrepare) implements ReportRenderer {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Path> render(ReportInput input, Path directory) {
            return List.of();
        }

        @Override
        public void prepare() {
            onPrepare.run();
        }
    }
}
