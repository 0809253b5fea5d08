package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.models.ollama.OllamaSettings;

class BackendMixinTest {

    private static BackendMixin parse(String... args) {
        CommandLine cli = new CommandLine(new RunCommand());
        String[] withSuite = new String[args.length + 1];
        withSuite[0] = "suite.yaml";
        System.arraycopy(args, 0, withSuite, 1, args.length);
        cli.parseArgs(withSuite);
        return ((RunCommand) cli.getCommand()).backendOptions;
    }

    private static Map<String, String> settings(BackendMixin mixin) {
        Map<String, String> settings = new LinkedHashMap<>();
        mixin.addSettings(settings);
        return settings;
    }

    @Test
    void ollamaFlagsBecomeTheBackendsSettings() {
        Map<String, String> settings = settings(parse("--ollama-url", "http://gpu-box:11434", "--ollama-container",
                "--ollama-concurrency", "2", "--backend", "auto"));
        assertThat(settings).containsEntry(OllamaSettings.URL, "http://gpu-box:11434")
                .containsEntry(OllamaSettings.CONTAINER, "true")
                .containsEntry(OllamaSettings.MAX_CONCURRENCY, "2")
                .containsEntry(OllamaSettings.FALLBACK, "embedded")
                .doesNotContainKey(OllamaSettings.WARM_UP);
        assertThat(settings(parse())).isEmpty();
        assertThat(settings(parse("--backend", "bundle"))).containsEntry(OllamaSettings.FALLBACK, "none");
        assertThat(settings(parse("--cache-mode", "replay", "--cache-dir", "c")))
                .containsEntry(OllamaSettings.WARM_UP, "false");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        assertThatThrownBy(() -> settings(parse("--backend", "fastest")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--backend")
                .hasMessageContaining("auto or bundle");
        assertThatThrownBy(() -> settings(parse("--ollama-concurrency", "0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--ollama-concurrency");
    }

    @Test
    void theCacheIsOffUnlessAModeOrADirectoryIsGiven() {
        BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), Path.of("/tmp/models"), Map.of());
        assertThat(parse().cacheMode()).isEqualTo(BackendMixin.DEFAULT_MODE);
        assertThat(parse("--cache-dir", "cassettes").cacheMode()).isEqualTo(CacheMode.READWRITE);
        assertThat(parse("--cache-mode", "record").cacheMode()).isEqualTo(CacheMode.RECORD);
        assertThat(parse("--no-cache").cacheMode()).isEqualTo(CacheMode.OFF);
        assertThat(parse().cacheDirectory(options)).isEqualTo(Path.of("/tmp/models", "inference"));
        assertThat(parse("--cache-dir", "cassettes").cacheDirectory(options)).isEqualTo(Path.of("cassettes"));
    }
}
