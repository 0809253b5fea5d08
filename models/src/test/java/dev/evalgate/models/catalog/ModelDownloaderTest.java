package dev.evalgate.models.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.models.SharedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a real HTTP server on loopback that serves the shared GGUF. */
class ModelDownloaderTest {
    private static final String PINNED = SharedModel.STORIES_SHA256;

    @TempDir
    Path cache;

    private HttpServer server;
    private final AtomicInteger modelRequests = new AtomicInteger();
    private byte[] model;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void serve() throws IOException {
        model = Files.readAllBytes(SharedModel.stories260k());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/mirror/stories260K.gguf") || path.equals("/tinyllamas/stories260K.gguf")) {
            modelRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream out = exchange.getResponseBody()) {
                // in pieces, as a network would deliver it
                for (int at = 0; at < model.length; at += 50_000) {
                    out.write(model, at, Math.min(50_000, model.length - at));
                    out.flush();
                }
            }
        } else if (path.equals("/moved/stories260K.gguf")) {
            exchange.getResponseHeaders().add("Location", "/tinyllamas/stories260K.gguf");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private CatalogEntry entry(String path, String sha256, long size) {
        return new CatalogEntry("stories260k", "stories260K.gguf", url(path), sha256, size, "MIT", 512,
                "test", "test entry");
    }

    private ModelDownloader downloader(Optional<URI> mirror, boolean allowUnpinned, boolean terminal) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return new ModelDownloader(cache, mirror, allowUnpinned, http,
                new PrintStream(progress, true, StandardCharsets.UTF_8), terminal);
    }

    private String progressText() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    private List<Path> cachedFiles() throws IOException {
        Path models = cache.resolve("models");
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(models)) {
            return files.toList();
        }
    }

    @Test
    void downloadsOnceVerifiesAndServesTheCachedCopyAfterwards() throws IOException {
        ModelDownloader downloader = downloader(Optional.empty(), false, false);
        CatalogEntry entry = entry("/tinyllamas/stories260K.gguf", PINNED, model.length);

        VerifiedModel first = downloader.resolve(entry);

        assertThat(first.downloaded()).isTrue();
        assertThat(first.file()).isEqualTo(cache.resolve("models").resolve("stories260K.gguf"));
        assertThat(first.sha256()).isEqualTo(PINNED);
        assertThat(ContentHash.sha256(first.file())).isEqualTo(PINNED);
        assertThat(ModelDownloader.markerOf(first.file())).content().startsWith(PINNED);
        assertThat(progressText()).contains("Downloading stories260K.gguf", "10%", "50%", "100%",
                "Downloaded stories260K.gguf");
        assertThat(progressText()).doesNotContain("\r");
        assertThat(progressText().lines().filter(line -> line.contains("%")).count())
                .as("one line per tenth, not one per chunk").isBetween(5L, 11L);

        VerifiedModel second = downloader.resolve(entry);

        assertThat(second.downloaded()).isFalse();
        assertThat(second.file()).isEqualTo(first.file());
        assertThat(modelRequests).as("the second resolve must not download again").hasValue(1);
        assertThat(cachedFiles()).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("stories260K.gguf", "stories260K.gguf.sha256");
    }

    @Test
    void terminalProgressRedrawsOneLine() {
        downloader(Optional.empty(), false, true).resolve(entry("/tinyllamas/stories260K.gguf", PINNED,
                model.length));

        assertThat(progressText()).contains("\r", "[", "100%");
    }

    @Test
    void mirrorServesTheFileByNameAndRedirectsAreFollowed() {
        VerifiedModel viaMirror = downloader(Optional.of(url("/mirror")), false, false)
                .resolve(entry("/not-used", PINNED, model.length));
        assertThat(viaMirror.sha256()).isEqualTo(PINNED);

        Path otherCache = cache.resolve("other");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        VerifiedModel redirected = new ModelDownloader(otherCache, Optional.empty(), false, http,
                new PrintStream(progress, true, StandardCharsets.UTF_8), false)
                .resolve(entry("/moved/stories260K.gguf", PINNED, model.length));
        assertThat(redirected.downloaded()).isTrue();
        assertThat(modelRequests).hasValue(2);
    }

    @Test
    void wrongPinnedChecksumFailsClearlyAndLeavesNoFileBehind() throws IOException {
        String wrong = "0".repeat(63) + "1";
        ModelDownloader downloader = downloader(Optional.empty(), false, false);

        assertThatThrownBy(() -> downloader.resolve(entry("/tinyllamas/stories260K.gguf", wrong, model.length)))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining(wrong)
                .hasMessageContaining(PINNED)
                .hasMessageContaining("discarded");
        assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void wrongPinnedSizeFailsAndLeavesNoFileBehind() throws IOException {
        ModelDownloader downloader = downloader(Optional.empty(), false, false);

        assertThatThrownBy(() -> downloader.resolve(entry("/tinyllamas/stories260K.gguf", PINNED, 1000)))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("more than the expected 1000 bytes");
        assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void missingFileOnTheServerGivesAClearError() throws IOException {
        ModelDownloader downloader = downloader(Optional.empty(), false, false);

        assertThatThrownBy(() -> downloader.resolve(entry("/nowhere/stories260K.gguf", PINNED, model.length)))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(url("/nowhere/stories260K.gguf").toString())
                .hasMessageContaining("--model PATH");
        assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void unreachableServerGivesAClearError() {
        URI closed = url("/tinyllamas/stories260K.gguf");
        server.stop(0);
        ModelDownloader downloader = downloader(Optional.empty(), false, false);

        assertThatThrownBy(() -> downloader.resolve(entry(closed.getPath(), PINNED, model.length)))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("cannot download model 'stories260k'")
                .hasMessageContaining("--model PATH");
    }

    @Test
    void unpinnedEntryNeedsAnExplicitOptIn() {
        CatalogEntry unpinned = entry("/tinyllamas/stories260K.gguf", "", 0);

        assertThatThrownBy(() -> downloader(Optional.empty(), false, false).resolve(unpinned))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no pinned sha256")
                .hasMessageContaining("llamacpp.allow-unpinned=true")
                .hasMessageContaining(ModelDownloader.ALLOW_UNPINNED_ENV);
        assertThat(modelRequests).hasValue(0);

        VerifiedModel fetched = downloader(Optional.empty(), true, false).resolve(unpinned);

        assertThat(fetched.sha256()).isEqualTo(PINNED);
        assertThat(progressText()).contains("is not pinned; its sha256 is " + PINNED);
    }

    @Test
    void damagedCachedCopyWithoutMarkerIsReplaced() throws IOException {
        Path models = Files.createDirectories(cache.resolve("models"));
        byte[] damaged = model.clone();
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(models.resolve("stories260K.gguf"), damaged);

        VerifiedModel verified = downloader(Optional.empty(), false, false)
                .resolve(entry("/tinyllamas/stories260K.gguf", PINNED, model.length));

        assertThat(verified.downloaded()).isTrue();
        assertThat(ContentHash.sha256(verified.file())).isEqualTo(PINNED);
        assertThat(progressText()).contains("downloading it again");
    }

    @Test
    void copiedInFileIsHashedOnceThenTrustedBySize() throws IOException {
        Path models = Files.createDirectories(cache.resolve("models"));
        Files.write(models.resolve("stories260K.gguf"), model);
        CatalogEntry entry = entry("/tinyllamas/stories260K.gguf", PINNED, model.length);

        VerifiedModel verified = downloader(Optional.empty(), false, false).resolve(entry);

        assertThat(verified.downloaded()).isFalse();
        assertThat(modelRequests).hasValue(0);
        assertThat(ModelDownloader.markerOf(verified.file())).content().startsWith(PINNED);
    }
}
