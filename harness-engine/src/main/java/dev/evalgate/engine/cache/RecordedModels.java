package dev.evalgate.engine.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

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
    private static final TypeReference<TreeMap<String, RecordedModel>> SHAPE = new TypeReference<>() {
    };

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

    private TreeMap<String, RecordedModel> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        byte[] bytes = InputFiles.readBytes(file, InputKind.RUN_DATA);
        try {
            TreeMap<String, RecordedModel> all = Json.MAPPER.readValue(bytes, SHAPE);
            return all == null ? new TreeMap<>() : all;
        } catch (JsonProcessingException e) {
            throw new AdvisedInputException(file, JsonProblems.line(e), JsonProblems.field(e),
                    Advice.text("not a readable list of recorded models (" + JsonProblems.problem(e)
                            + "); delete it and record again with ").then(Setting.CACHE_MODE_RECORD), null);
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    /** One entry of the file, keyed by the reference as the bundle wrote it. */
    public record RecordedModel(String backend, String model, String fingerprint) {
    }

}
