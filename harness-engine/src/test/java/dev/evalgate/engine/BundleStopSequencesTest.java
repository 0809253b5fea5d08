package dev.evalgate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.internal.BundleLoader;
import dev.evalgate.engine.internal.BundleLoader;
import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleStopSequencesTest {
    @TempDir
    Path dir;

    private Bundle load(String params) throws Exception {
        Path file = dir.resolve("bundle.yaml");
        Files.writeString(file, "id: b\nversion: 1\nmodel: replay:x.jsonl\ntemplate: \"{{input}}\"\nparams: " + params
                + "\n");
        return BundleLoader.load(file);
    }

    @Test
    void stopIsOneSequenceOrAListOfUpToFour() throws Exception {
        assertThat(load("{stop: END}").params().stop()).containsExactly("END");
        assertThat(load("{stop: [\"\\n\\n\", \"Q:\"]}").params().stop()).containsExactly("\n\n", "Q:");
        assertThat(load("{temperature: 0}").params().stop()).isEmpty();
    }

    @Test
    void aBadStopNamesFileLineAndField() {
        assertThatThrownBy(() -> load("{stop: [a, b, c, d, e]}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bundle.yaml").hasMessageContaining("stop").hasMessageContaining("at most 4");
        assertThatThrownBy(() -> load("{stop: [a, 3]}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("string or a list of strings");
        assertThatThrownBy(() -> load("{stop: \"\"}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("non-empty");
    }

    /** Bundles written before stop sequences existed keep their digest, so their baselines stay comparable. */
    @Test
    void aBundleWithoutStopHashesAsItDidBeforeStopExisted() throws Exception {
        Bundle bundle = load("{temperature: 0.5, seed: 3, max_tokens: 20, top_p: 0.9}");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", 0.5);
        params.put("seed", 3L);
        params.put("maxTokens", 20);
        params.put("topP", 0.9);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("id", "b");
        canonical.put("version", "1");
        canonical.put("model", "replay:x.jsonl");
        canonical.put("system", "");
        canonical.put("template", "{{input}}");
        canonical.put("params", params);
        canonical.put("repair", bundle.repair());
        canonical.put("outputSchema", Map.of());
        assertThat(bundle.digest()).isEqualTo(ContentHash.sha256(Json.CANONICAL.writeValueAsBytes(canonical)));
        assertThat(load("{temperature: 0.5, seed: 3, max_tokens: 20, top_p: 0.9, stop: END}").digest())
                .isNotEqualTo(bundle.digest());
        assertThat(new GenerationParams(0.5, 3, 20, 0.9, List.of())).isEqualTo(bundle.params());
    }
}
