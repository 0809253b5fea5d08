package dev.evalgate.models.catalog;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models a bundle may name without a path ({@code llamacpp:qwen2.5-0.5b-instruct}). Every pinned checksum
 * below was cross-checked against published values; an entry whose checksum could not be confirmed stays unpinned
 * and is only downloaded when the user opts in.
 */
public final class ModelCatalog {
    private static final ModelCatalog BUILT_IN = new ModelCatalog(List.of(
            new CatalogEntry("stories260k", "stories260K.gguf",
                    URI.create("https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf"),
                    "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", 1_185_376L, "MIT", 512,
                    "llama.cpp CI model (ggml-org/models); sha256 and size checked against a local copy and the "
                            + "tests of cozy-creator/python-gen-worker, which pin the same value",
                    "260K-parameter TinyStories model: writes children's stories, follows no instructions. "
                            + "For smoke tests of the pipeline, not for quality."),
            new CatalogEntry("qwen2.5-0.5b-instruct", "qwen2.5-0.5b-instruct-q4_k_m.gguf",
                    URI.create("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/"
                            + "9217f5db79a29953eb74d5343926648285ec7e67/qwen2.5-0.5b-instruct-q4_k_m.gguf"),
                    "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db", 491_400_032L,
                    "Apache-2.0", 4096,
                    "sha256 and size of Qwen/Qwen2.5-0.5B-Instruct-GGUF at revision 9217f5db as pinned "
                            + "identically by several independent public projects, one of which cites the Hugging "
                            + "Face file page; not re-downloaded here",
                    "Qwen2.5 0.5B Instruct, Q4_K_M: the smallest useful instruction follower; handles JSON and "
                            + "short answers. The default for local runs."),
            new CatalogEntry("smollm2-360m-instruct", "smollm2-360m-instruct-q8_0.gguf",
                    URI.create("https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct-GGUF/resolve/"
                            + "593b5a2e04c8f3e4ee880263f93e0bd2901ad47f/smollm2-360m-instruct-q8_0.gguf"),
                    "48ab3034d0dd401fbc721eb1df3217902fee7dab9078992d66431f09b7750201", 386_404_992L,
                    "Apache-2.0", 4096,
                    "sha256 and size of HuggingFaceTB/SmolLM2-360M-Instruct-GGUF at revision 593b5a2e as "
                            + "pinned identically by three independent public projects; not re-downloaded here",
                    "SmolLM2 360M Instruct, Q8_0: English only, fast; weaker at facts than Qwen2.5 0.5B."),
            new CatalogEntry("qwen2.5-1.5b-instruct", "qwen2.5-1.5b-instruct-q4_k_m.gguf",
                    URI.create("https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/"
                            + "qwen2.5-1.5b-instruct-q4_k_m.gguf"),
                    "", 0L, "Apache-2.0", 4096,
                    "not pinned: no checksum could be confirmed from two independent sources; download with "
                            + "llamacpp.allow-unpinned=true (or EVALGATE_ALLOW_UNPINNED_MODELS=true) and pin the "
                            + "sha256 it prints",
                    "Qwen2.5 1.5B Instruct, Q4_K_M (about 1 GB): noticeably better answers, about three times "
                            + "slower than the 0.5B model.")));

    private final Map<String, CatalogEntry> entries;

    public ModelCatalog(List<CatalogEntry> entries) {
        Map<String, CatalogEntry> byName = new LinkedHashMap<>();
        for (CatalogEntry entry : entries) {
            if (byName.putIfAbsent(entry.name(), entry) != null) {
                throw new IllegalArgumentException("catalog names must be unique, '" + entry.name() + "' repeats");
            }
        }
        this.entries = Collections.unmodifiableMap(byName);
    }

    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }
}
