package dev.evalgate.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.Advice;
import dev.evalgate.engine.Advised;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.internal.Json;

/**
 * Completions on disk, one pretty-printed JSON file per request under a two-level directory of its digest
 * ({@code ab/cd/abcd....json}), so a committed store diffs request by request and no directory grows huge.
 *
 * <p>Writers never expose a half-written file: each writes a temporary file next to the target and renames it
 * into place atomically, so concurrent writers of the same key leave one complete entry and readers see either
 * the old or the new one.
 */
public final class InferenceStore {
    private static final ObjectWriter WRITER = Json.CANONICAL.writerWithDefaultPrettyPrinter();

    private final Path directory;

    public InferenceStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds, or would hold, the entry for a key. */
    public Path pathOf(InferenceKey key) {
        return pathOf(key.digest());
    }

    private Path pathOf(String digest) {
        return directory.resolve(digest.substring(0, 2)).resolve(digest.substring(2, 4)).resolve(digest + ".json");
    }

    /**
     * The entry for a key, or empty when there is none. A file that exists but does not answer this exact request
     * (edited by hand, or a digest collision) counts as absent; one that cannot be parsed is reported.
     *
     * @throws CorruptEntryException when the file exists but is not a readable entry
     */
    public Optional<CacheEntry> read(InferenceKey key) {
        byte[] canonicalKey = key.canonicalJson();
        Path file = pathOf(InferenceKey.digestOf(canonicalKey));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = InputFiles.readBytes(file, InputKind.CACHE_ENTRY);
        } catch (InvalidInputException e) {
            throw new CorruptEntryException(file, e.problem(), e);
        }
        // Read as a tree, not bound to CacheEntry: building Jackson's deserializers for the key's types costs a
        // fresh JVM (every rerun) some 60 ms, while the tree reader and the key's serializer are warm by now.
        JsonNode root;
        try {
            root = Json.CANONICAL.readTree(bytes);
        } catch (JsonProcessingException e) {
            String field = JsonProblems.field(e);
            throw new CorruptEntryException(file, (field == null ? "" : "field '" + field + "': ")
                    + JsonProblems.problem(e), e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptEntryException(file, String.valueOf(e.getMessage()), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return Optional.empty();
        }
        if (!root.isObject() || !root.path("key").isObject()) {
            throw new CorruptEntryException(file, "field 'key': missing, or not an object", null);
        }
        // The file answers this request only if its key is this request, byte for byte in canonical form (as the
        // file was written): one edited by hand, or a digest collision, counts as absent.
        if (!Arrays.equals(canonical(file, root.get("key")), canonicalKey)) {
            return Optional.empty();
        }
        try {
            JsonNode modelName = root.get("modelName");
            return Optional.of(new CacheEntry(root.path("format").asInt(CacheEntry.FORMAT), key,
                    modelName == null || modelName.isNull() ? "" : modelName.asText(),
                    CachedCompletion.fromJson(root.get("completion"))));
        } catch (RuntimeException e) {
            throw new CorruptEntryException(file, String.valueOf(e.getMessage()), e);
        }
    }

    private static byte[] canonical(Path file, JsonNode node) {
        try {
            return Json.CANONICAL.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new CorruptEntryException(file, String.valueOf(e.getMessage()), e);
        }
    }

    /** Writes (or replaces) the entry for its key, atomically. */
    public Path write(CacheEntry entry) {
        Path file = pathOf(entry.key());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                byte[] json = WRITER.writeValueAsBytes(entry);
                Files.write(temporary, appendNewline(json));
                moveIntoPlace(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            // What to do about it (a writable directory, no cache) is the front end's to say: it knows its settings.
            throw new UncheckedIOException("cannot write cache entry " + file + ": " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] appendNewline(byte[] json) {
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** A cache file that exists but cannot be read as an entry (truncated, edited, or from another tool). */
    public static final class CorruptEntryException extends RuntimeException implements Advised {
        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final transient Advice advice;

        CorruptEntryException(Path file, String problem, Throwable cause) {
            this(file, Advice.text("cache entry " + file + " is not a readable evalgate cache entry (" + problem
                    + "); delete it or re-record with ").then(Setting.CACHE_MODE_RECORD), cause);
        }

        private CorruptEntryException(Path file, Advice advice, Throwable cause) {
            super(advice.toString(), cause);
            this.file = file;
            this.advice = advice;
        }

        @Override
        public Advice advice() {
            return advice;
        }

        public Path file() {
            return file;
        }
    }
}
