package dev.evalgate.models.catalog;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.models.SharedModel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogTest {
    @Test
    void tinyModelPinIsTheSharedFilesRealChecksumAndSize() throws Exception {
        CatalogEntry stories = ModelCatalog.builtIn().find("stories260k").orElseThrow();

        assertThat(stories.sha256()).isEqualTo(ContentHash.sha256(SharedModel.stories260k()));
        assertThat(stories.sizeBytes()).isEqualTo(Files.size(SharedModel.stories260k()));
        assertThat(stories.contextSize()).isEqualTo(512);
        assertThat(stories.licence()).isEqualTo("MIT");
    }

    @Test
    void everyPinnedEntryHasASizeARevisionAndASource() {
        for (CatalogEntry entry : ModelCatalog.builtIn().entries()) {
            assertThat(entry.url().getScheme()).isEqualTo("https");
            assertThat(entry.url().getPath()).endsWith("/" + entry.fileName());
            assertThat(entry.pinSource()).isNotBlank();
            assertThat(entry.licence()).isNotBlank();
            if (entry.pinned()) {
                assertThat(entry.sizeBytes()).as(entry.name()).isPositive();
            } else {
                assertThat(entry.pinSource()).as(entry.name()).contains("not pinned", "allow-unpinned");
            }
        }
        assertThat(ModelCatalog.builtIn().names())
                .contains("stories260k", "qwen2.5-0.5b-instruct", "smollm2-360m-instruct");
    }

    @Test
    void entriesRejectMalformedPinsAndDuplicateNames() {
        URI url = URI.create("https://example.org/m.gguf");
        assertThatThrownBy(() -> new CatalogEntry("m", "m.gguf", url, "abc", 1, "MIT", 512, "", ""))
                .hasMessageContaining("sha256").hasMessageContaining("'m'");
        assertThatThrownBy(() -> new CatalogEntry("m", "../m.gguf", url, "", 1, "MIT", 512, "", ""))
                .hasMessageContaining("fileName");
        CatalogEntry entry = new CatalogEntry("m", "m.gguf", url, "", 0, "MIT", 512, "", "");
        assertThatThrownBy(() -> new ModelCatalog(List.of(entry, entry))).hasMessageContaining("'m' repeats");
    }
}
