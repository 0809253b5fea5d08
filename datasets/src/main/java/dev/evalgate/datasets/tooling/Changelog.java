package dev.evalgate.datasets.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * {@code changelog.jsonl} in a corpus directory: one entry a line, appended by each freeze of changed cases, with
 * the case ids added, removed and changed since the previous version. Kept apart from the manifest because a large
 * edit lists many ids, and the manifest must stay a small file people read.
 */
public final class Changelog {
    public static final String FILE = "changelog.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Changelog() {
    }

    /**
     * One freeze of changed cases.
     *
     * @param previousVersion null for the first version of a corpus (every case added)
     * @param known false when the previous version had no {@link CaseIndex}, so which ids changed is not known
     */
    public record Entry(String version, String sha256, String previousVersion, String previousSha256, boolean known,
                        List<String> added, List<String> removed, List<String> changed) {
        public Entry {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }
    }

    static void append(Path directory, Entry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", entry.version());
        row.put("sha256", entry.sha256());
        row.put("previous_version", entry.previousVersion());
        row.put("previous_sha256", entry.previousSha256());
        row.put("known", entry.known());
        row.put("added", entry.added());
        row.put("removed", entry.removed());
        row.put("changed", entry.changed());
        try {
            Files.writeString(directory.resolve(FILE), JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + directory.resolve(FILE), e);
        }
    }

    /** The entries of a corpus's changelog, oldest first; empty when it has none. */
    public static List<Entry> read(Path directory) {
        Path file = directory.resolve(FILE);
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (CorpusLoader.TextLine line : CorpusLoader.lines(file, InputKind.CASES)) {
            if (line.text().isBlank()) {
                continue;
            }
            try {
                JsonNode row = JSON.readTree(line.text());
                entries.add(new Entry(row.path("version").asText(), row.path("sha256").asText(),
                        textOrNull(row.path("previous_version")), textOrNull(row.path("previous_sha256")),
                        row.path("known").asBoolean(true), texts(row.path("added")), texts(row.path("removed")),
                        texts(row.path("changed"))));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file, line.number(), null, "malformed JSON: "
                        + e.getOriginalMessage());
            }
        }
        return entries;
    }

    /** The first version of a corpus has no previous version: null in the file, null here. */
    private static String textOrNull(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.asText()));
        return out;
    }
}
