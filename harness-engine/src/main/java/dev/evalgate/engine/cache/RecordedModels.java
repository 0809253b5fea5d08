package dev.evalgate.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.internal.Json;

/**
 * Which model served each model reference when the store was recorded ({@value #FILE} in the store's directory):
 * lets {@link CacheMode#REPLAY} know a model's fingerprint, and so find its entries, without the model file or the
 * server that served it.
 */
public final class RecordedModels {
    public static final String FILE = "models.json";

    private final Path file;

    public RecordedModels(InferenceStore store) {
        this.file = store.directory().resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public Optional<ModelInfo> find(ModelRef ref) {
        RecordedModel recorded = read().get(ref.toString());
        return recorded == null ? Optional.empty()
                : Optional.of(new ModelInfo(recorded.backend(), recorded.model(), recorded.fingerprint(), 0));
    }

    /** Records which model served a reference; a later recording of the same reference replaces it. */
    public synchronized void remember(ModelRef ref, ModelInfo info) {
        TreeMap<String, RecordedModel> all = read();
        RecordedModel now = new RecordedModel(info.backend(), info.model(), info.fingerprint());
        if (now.equals(all.get(ref.toString()))) {
            return;
        }
        all.put(ref.toString(), now);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.write(temporary, (Json.CANONICAL.writerWithDefaultPrettyPrinter().writeValueAsString(all)
                        + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // Read as a tree, not bound to a map of records: every run reads this file, and building Jackson's deserializers
    // for it cost each fresh JVM more than the read itself.
    private TreeMap<String, RecordedModel> read() {
        TreeMap<String, RecordedModel> all = new TreeMap<>();
        if (!Files.exists(file)) {
            return all;
        }
        byte[] bytes = InputFiles.readBytes(file, InputKind.RUN_DATA);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw unreadable(JsonProblems.line(e), JsonProblems.field(e), JsonProblems.problem(e));
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return all;
        }
        if (!root.isObject()) {
            throw unreadable(0, null, "not an object of model references");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode recorded = field.getValue();
            if (!recorded.isObject()) {
                throw unreadable(0, field.getKey(), "not an object with backend, model and fingerprint");
            }
            all.put(field.getKey(), new RecordedModel(text(recorded, "backend"), text(recorded, "model"),
                    text(recorded, "fingerprint")));
        }
        return all;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private AdvisedInputException unreadable(int line, String field, String problem) {
        return new AdvisedInputException(file, line, field, Advice.text("not a readable list of recorded models ("
                + problem + "); delete it and record again with ").then(Setting.CACHE_MODE_RECORD), null);
    }

    /** One entry of the file, keyed by the reference as the bundle wrote it. */
    public record RecordedModel(String backend, String model, String fingerprint) {
    }

}
