package dev.evalgate.judges.format.ifeval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected outputs NLTK produced for the ports' tests, and the IFEval prompts they were produced from. */
final class NltkFixtures {
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() { };

    private NltkFixtures() {
    }

    /** The rows of a JSONL test resource beside this class. */
    static List<Map<String, Object>> rows(String resource) throws IOException {
        try (InputStream in = NltkFixtures.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(NltkFixtures::row).toList();
        }
    }

    /** Every prompt of the shared IFEval corpus by its key. */
    static Map<Integer, String> ifEvalPromptsByKey() throws IOException {
        Map<Integer, String> prompts = new HashMap<>();
        Path input = Path.of(System.getProperty("evalgate.shared.dir"), "corpora", "ifeval", "input_data.jsonl");
        for (String line : Files.readAllLines(input)) {
            Map<String, Object> row = row(line);
            prompts.put(((Number) row.get("key")).intValue(), (String) row.get("prompt"));
        }
        return prompts;
    }

    private static Map<String, Object> row(String line) {
        try {
            return Json.MAPPER.readValue(line, ROW);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
