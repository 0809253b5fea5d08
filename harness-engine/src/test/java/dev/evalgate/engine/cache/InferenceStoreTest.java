package dev.evalgate.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.internal.Json;

/**
 * An entry is read back as it was written, it answers only the request it was written for, and a malformed one is
 * refused naming its field.
 */
class InferenceStoreTest {
    private static final ModelInfo MODEL = new ModelInfo("fake", "m", "sha256:aaa", 0);

    @TempDir
    Path dir;

    /** Keys with what a corpus can put in them: nested values, big and negative-zero numbers, any text. */
    private static InferenceKey key(String question) {
        ModelRequest request = ModelRequest.of("Be brief. \u00e9\u4e2d", question,
                new GenerationParams(0.7, 42, 64, 0.95));
        return InferenceKey.of(MODEL, request, Map.of("question", question, "n", -0.0,
                "big", new java.math.BigInteger("123456789012345678901234567890"),
                "nested", Map.of("list", List.of(1L, 2.5, "three", true)), "lone", "\ud800"));
    }

    @Test
    void anEntryReadsBackAsItWasWritten() {
        InferenceStore store = new InferenceStore(dir);
        InferenceKey key = key("What is 2+2?");
        CacheEntry written = new CacheEntry(CacheEntry.FORMAT, key, "stories",
                new CachedCompletion("{\"answer\": 4}\n\u00e9", 12, 3, 45.125, 7.5, "length"));
        store.write(written);

        assertThat(store.read(key)).contains(written);
        assertThat(store.read(key("What is 3+3?"))).isEmpty();
    }

    @Test
    void aFileReformattedStillAnswersButOneWhoseRequestWasEditedDoesNot() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        InferenceKey key = key("What is 2+2?");
        CacheEntry written = new CacheEntry(CacheEntry.FORMAT, key, "stories",
                new CachedCompletion("4", 12, 3, 45.0, null, "stop"));
        Path file = store.write(written);

        Files.write(file, Json.CANONICAL.writeValueAsBytes(Json.CANONICAL.readTree(file.toFile())));
        assertThat(store.read(key)).as("the same entry without its whitespace").contains(written);

        Files.writeString(file, Files.readString(file).replace("What is 2+2?", "What is 2+3?"));
        assertThat(store.read(key)).as("the file now answers another question").isEmpty();
    }

    @Test
    void aMalformedCompletionIsRefusedNamingItsField() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        InferenceKey key = key("What is 2+2?");
        Path file = store.write(new CacheEntry(CacheEntry.FORMAT, key, "stories",
                new CachedCompletion("4", 12, 3, 45.0, null, "stop")));

        Files.writeString(file, Files.readString(file).replaceFirst("\"promptTokens\" : 12", "\"promptTokens\" : \"12\""));
        assertThatThrownBy(() -> store.read(key))
                .isInstanceOf(InferenceStore.CorruptEntryException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field 'completion.promptTokens': not a whole number");

        Files.writeString(file, "{\"format\": 1, \"completion\": {\"text\": \"4\"}}");
        assertThatThrownBy(() -> store.read(key))
                .isInstanceOf(InferenceStore.CorruptEntryException.class)
                .hasMessageContaining("field 'key'");
    }
}
