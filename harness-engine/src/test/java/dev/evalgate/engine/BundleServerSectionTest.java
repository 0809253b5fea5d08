package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.internal.BundleLoader;

class BundleServerSectionTest {
    static final String BUNDLE = "id: b\nversion: 1\nmodel: openai:qwen\ntemplate: \"{{input}}\"\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theOpenAiSectionBecomesSettingsAndLeavesTheDigestAlone() throws Exception {
        Path with = write("with.yaml", BUNDLE + "openai: {base_url: \"http://gpu-box:8000/v1\", api_key_env: VLLM_KEY}\n");
        Path without = write("without.yaml", BUNDLE);

        assertThat(BundleLoader.serverSettings(with)).isEqualTo(Map.of(BackendOptions.OPENAI_URL,
                "http://gpu-box:8000/v1", BackendOptions.OPENAI_KEY_ENV, "VLLM_KEY"));
        assertThat(BundleLoader.serverSettings(without)).isEmpty();
        assertThat(BundleLoader.load(with).digest()).as("where a model is served is not what is evaluated")
                .isEqualTo(BundleLoader.load(without).digest());
    }

    @Test
    void aKeyOrCredentialsInTheBundleAreRefusedAtTheirLine() throws Exception {
        Path key = write("key.yaml", BUNDLE + "openai:\n  api_key_env: sk-abc123-notaname\n");
        assertThatThrownBy(() -> BundleLoader.load(key)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("key.yaml:6").hasMessageContaining("api_key_env")
                .hasMessageContaining("never the key itself");
        Path url = write("url.yaml", BUNDLE + "openai: {base_url: \"http://user:pw@host/v1\"}\n");
        assertThatThrownBy(() -> BundleLoader.load(url)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("without credentials");
        Path typo = write("typo.yaml", BUNDLE + "openai: {base-url: \"http://host/v1\"}\n");
        assertThatThrownBy(() -> BundleLoader.load(typo)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("base-url");
    }
}
