package dev.evalgate.models.llamacpp;

import com.sun.net.httpserver.HttpServer;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.models.SharedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which file a llamacpp reference opens, and the errors a person sees when it cannot be right. */
class LlamaCppClientProviderTest {
    private static final Map<String, String> SMALL_CONTEXT = Map.of(LlamaCppSettings.CONTEXT_SIZE, "512");

    @TempDir
    Path dir;

    private BackendOptions options(Optional<Path> override, Path base, Map<String, String> settings) {
        return new BackendOptions(override, base, dir.resolve("cache"), settings);
    }

    private static ModelRef llamacpp(String name) {
        return new ModelRef("llamacpp", name);
    }

    @Test
    void isRegisteredAsTheLlamacppBackend() {
        assertThat(ModelClients.load().knows("llamacpp")).isTrue();
        assertThat(new LlamaCppClientProvider().description()).contains("llama.cpp", "stories260k");
    }

    @Test
    void missingFileNamesThePathAndWhatToDo() {
        Path missing = dir.resolve("models/absent.gguf");

        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("models/absent.gguf"),
                options(Optional.empty(), dir, SMALL_CONTEXT)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.file()).isEqualTo(missing))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found")
                .hasMessageContaining("pass --model PATH or set EVALGATE_MODEL");
    }

    @Test
    void missingOverrideNamesTheOverride() {
        Path missing = dir.resolve("nothing-here.gguf");

        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("stories260k"),
                options(Optional.of(missing), dir, SMALL_CONTEXT)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--model / EVALGATE_MODEL")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fileThatIsNotGgufIsRejectedBeforeLlamaCppSeesIt() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "this is not a model", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("notes.gguf"),
                options(Optional.empty(), dir, SMALL_CONTEXT)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.file()).isEqualTo(text))
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a GGUF model file")
                .hasMessageContaining("74 68 69 73");
    }

    @Test
    void emptyFileAndLfsPointerAreNamedForWhatTheyAre() throws IOException {
        Files.write(dir.resolve("empty.gguf"), new byte[0]);
        Files.writeString(dir.resolve("pointer.gguf"), "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:" + SharedModel.STORIES_SHA256 + "\nsize 1185376\n");

        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("empty.gguf"),
                options(Optional.empty(), dir, SMALL_CONTEXT)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("pointer.gguf"),
                options(Optional.empty(), dir, SMALL_CONTEXT)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Git LFS pointer");
    }

    @Test
    void unknownCatalogNameListsTheCatalog() {
        assertThatThrownBy(() -> new LlamaCppClientProvider().open(llamacpp("gpt-17"),
                options(Optional.empty(), dir, SMALL_CONTEXT)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown llamacpp model 'gpt-17'")
                .hasMessageContaining("qwen2.5-0.5b-instruct")
                .hasMessageContaining("--model PATH");
    }

    @Test
    void relativePathResolvesAgainstTheBundleDirectory() {
        Path shared = SharedModel.stories260k();

        try (ModelClient client = new LlamaCppClientProvider().open(llamacpp("stories260K.gguf"),
                options(Optional.empty(), shared.getParent(), SMALL_CONTEXT))) {
            assertThat(client.info().model()).isEqualTo("stories260K.gguf");
            assertThat(client.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
        }
    }

    @Test
    void modelOverrideWinsOverTheBundlesReference() {
        Path shared = SharedModel.stories260k();

        try (ModelClient client = new LlamaCppClientProvider().open(llamacpp("qwen2.5-0.5b-instruct"),
                options(Optional.of(shared), dir, SMALL_CONTEXT))) {
            assertThat(client.info().model()).isEqualTo(shared.toAbsolutePath().normalize().toString());
            assertThat(client.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
        }
        assertThat(dir.resolve("cache/models")).as("nothing was downloaded").doesNotExist();
    }

    @Test
    void catalogNameDownloadsThroughTheMirrorSettingThenLoads() throws IOException {
        byte[] model = Files.readAllBytes(SharedModel.stories260k());
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/stories260K.gguf", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(model);
            }
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/models";
            BackendOptions options = options(Optional.empty(), dir, Map.of(LlamaCppSettings.MIRROR, mirror));

            try (ModelClient client = new LlamaCppClientProvider().open(llamacpp("stories260k"), options)) {
                assertThat(client.info().model()).isEqualTo("stories260k");
                assertThat(client.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
            }
            try (ModelClient again = new LlamaCppClientProvider().open(llamacpp("stories260k"), options)) {
                assertThat(again.info().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
            }
            assertThat(requests).as("downloaded once, then served from the cache").hasValue(1);
            assertThat(dir.resolve("cache/models/stories260K.gguf")).exists();
        } finally {
            server.stop(0);
        }
    }
}
