package dev.evalgate.models.llamacpp;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.models.catalog.CatalogEntry;
import dev.evalgate.models.catalog.ModelCatalog;
import dev.evalgate.models.catalog.ModelDownloader;
import dev.evalgate.models.catalog.VerifiedModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which GGUF file a {@code llamacpp:} reference means, in this order: the front end's model override
 * ({@code --model PATH} / {@code EVALGATE_MODEL}); a name ending in {@code .gguf} or holding a path separator,
 * resolved against the bundle's directory; a catalog name, downloaded once into the cache.
 */
final class ModelFileResolver {
    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);
    private static final String WHAT_TO_DO = "pass --model PATH or set EVALGATE_MODEL to a GGUF file, or name a "
            + "catalog model";

    private final ModelCatalog catalog;
    private final Function<BackendOptions, ModelDownloader> downloaders;

    ModelFileResolver(ModelCatalog catalog, Function<BackendOptions, ModelDownloader> downloaders) {
        this.catalog = catalog;
        this.downloaders = downloaders;
    }

    ResolvedModel resolve(ModelRef ref, BackendOptions options) {
        String name = ref.name().trim();
        Optional<CatalogEntry> entry = catalog.find(name);
        int defaultContext = entry.map(CatalogEntry::contextSize).orElse(LlamaCppSettings.DEFAULT_CONTEXT_SIZE);
        if (options.modelOverride().isPresent()) {
            Path file = options.modelOverride().get().toAbsolutePath().normalize();
            checkGguf(file, "the model override (--model / EVALGATE_MODEL)");
            return new ResolvedModel(file, file.toString(), Optional.empty(), defaultContext);
        }
        if (isPath(name)) {
            Path file = options.baseDirectory().resolve(name).toAbsolutePath().normalize();
            checkGguf(file, "model '" + name + "'");
            return new ResolvedModel(file, name, Optional.empty(), defaultContext);
        }
        if (entry.isEmpty()) {
            throw new InvalidInputException(null, 0, "model", "unknown llamacpp model '" + name + "': it is "
                    + "neither a path to a .gguf file nor a catalog name. Catalog: " + String.join(", ",
                    catalog.names()) + ". Write a path such as llamacpp:models/my-model.gguf, a catalog name, or "
                    + "pass --model PATH");
        }
        VerifiedModel verified = downloaders.apply(options).resolve(entry.get());
        checkGguf(verified.file(), "catalog model '" + name + "'");
        return new ResolvedModel(verified.file(), name, Optional.of(verified.sha256()), defaultContext);
    }

    static boolean isPath(String name) {
        return name.endsWith(".gguf") || name.contains("/") || name.contains("\\");
    }

    /** Fails with the path and what to do when the file is missing or is not a GGUF model. */
    static void checkGguf(Path file, String what) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, 0, "model", what + ": model file not found at " + file
                    + "; " + WHAT_TO_DO);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException(file, 0, "model", what + ": " + file + " is not a readable file; "
                    + WHAT_TO_DO);
        }
        byte[] head = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, "model", what + ": cannot read " + file + ": " + e
                    + "; " + WHAT_TO_DO, e);
        }
        if (read >= GGUF_MAGIC.length && head[0] == GGUF_MAGIC[0] && head[1] == GGUF_MAGIC[1]
                && head[2] == GGUF_MAGIC[2] && head[3] == GGUF_MAGIC[3]) {
            return;
        }
        String start = new String(head, 0, read, StandardCharsets.ISO_8859_1);
        if (start.startsWith("version https://git-lfs")) {
            throw new InvalidInputException(file, 0, "model", what + ": " + file + " is a Git LFS pointer, not "
                    + "the model itself; run 'git lfs pull' or download the real file");
        }
        String found = read == 0 ? "it is empty" : "it starts with bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(read, 4));
        throw new InvalidInputException(file, 0, "model", what + ": " + file + " is not a GGUF model file ("
                + found + " instead of the magic 'GGUF'). llama.cpp reads only GGUF: convert the model with "
                + "llama.cpp's convert_hf_to_gguf.py or download a GGUF build");
    }
}
