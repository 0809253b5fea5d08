package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsCasesInFileOrderWithTheirFields() throws IOException {
        write("{\"id\": \"a\", \"input\": \"plain text\", \"tags\": [\"x\"]}\n"
                + "\n"
                + "{\"id\": 7, \"input\": {\"q\": \"Q?\", \"n\": {\"deep\": [1, 2]}}, \"expected\": {\"reference\": \"R\"},"
                + " \"metadata\": {\"source\": \"s\"}}\n");
        Corpus corpus = CorpusLoader.verifying().load(dir);

        assertThat(corpus.name()).isEqualTo("c");
        assertThat(corpus.version()).isEqualTo("2.1");
        assertThat(corpus.cases()).extracting(EvalCase::id).containsExactly("a", "7");
        assertThat(corpus.cases().get(0).input()).containsEntry("input", "plain text");
        assertThat(corpus.cases().get(0).hasTag("x")).isTrue();
        assertThat(corpus.cases().get(1).expected()).containsEntry("reference", "R");
        assertThat(corpus.cases().get(1).input().get("n")).isInstanceOf(java.util.Map.class);
        assertThatThrownBy(() -> corpus.cases().get(1).input().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aByteOrderMarkAndUnicodeAreFine() throws IOException {
        write("\uFEFF{\"id\": \"ü-1\", \"input\": \"Grüße 👋\"}\n");
        assertThat(CorpusLoader.verifying().load(dir).cases().get(0).input()).containsEntry("input", "Grüße 👋");
    }

    @Test
    void errorsNameFileLineAndField() throws IOException {
        expect("{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"b\", \"input\": [1]}\n", "cases.jsonl:2: field 'input'",
                "expected a string or an object");
        expect("{\"id\": \"a\", \"input\": \"x\", \"tags\": \"t\"}\n", "cases.jsonl:1: field 'tags'", "list of strings");
        expect("[1, 2]\n", "cases.jsonl:1", "expected a JSON object");
        expect("{\"id\": \"\", \"input\": \"x\"}\n", "cases.jsonl:1: field 'id'", "non-empty");
        expect("{\"id\": \"a\"}\n", "cases.jsonl:1: field 'input'", "missing input");
        expect("{\"id\": \"a\\u001b[2Jb\", \"input\": \"x\"}\n", "cases.jsonl:1: field 'id'", "U+001B at position 2");
        expect("{\"id\": \"rtl\u202Eevil\", \"input\": \"x\"}\n", "cases.jsonl:1: field 'id'", "U+202E");
        expect("{\"id\": \"a\\u0000\", \"input\": \"x\"}\n", "cases.jsonl:1: field 'id'", "U+0000");
        expect("\n\n", "cases.jsonl", "no cases");
    }

    @Test
    void malformedJsonNamesTheColumnWithoutTheParsersInternals() throws IOException {
        write("{\"id\": \"a\", \"input\": {\"q\": 1}\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cases.jsonl:1: malformed JSON at column")
                .hasMessageContaining("opened at column 1")
                .hasMessageNotContaining("Source:").hasMessageNotContaining("StreamReadFeature");
    }

    @Test
    void manifestMistakesNameTheirField() throws IOException {
        write("{\"id\": \"a\", \"input\": \"x\"}\n");
        Files.writeString(dir.resolve("manifest.yaml"), "name: c\nversion: 1\nsha256: abc\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir))
                .hasMessageContaining("manifest.yaml:3: field 'sha256'").hasMessageContaining("64 hexadecimal");
        Files.writeString(dir.resolve("manifest.yaml"), "name: c\nversoin: 1\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir))
                .hasMessageContaining("manifest.yaml:2: field 'versoin'").hasMessageContaining("unknown field");
        Files.writeString(dir.resolve("manifest.yaml"), "name: c\nversion: [1\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void aHashMismatchIsRefusedButToolingCanStillReadTheLines() throws IOException {
        write("{\"id\": \"a\", \"input\": \"x\"}\n");
        Files.writeString(dir.resolve("cases.jsonl"), "{\"id\": \"a\", \"input\": \"changed\"}\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hash mismatch").hasMessageContaining("evalgate datasets freeze");
        assertThat(CorpusLoader.ignoringHash().load(dir).cases()).hasSize(1);
    }

    @Test
    void anOverlongLineIsRefusedNotLoaded() throws IOException {
        write("{\"id\": \"a\", \"input\": \"" + "x".repeat(CorpusLoader.MAX_LINE_CHARS) + "\"}\n");
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir)).hasMessageContaining("cases.jsonl:1")
                .hasMessageContaining("longer than");
    }

    private void expect(String cases, String where, String what) throws IOException {
        write(cases);
        assertThatThrownBy(() -> CorpusLoader.verifying().load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(where).hasMessageContaining(what);
    }

    private void write(String cases) throws IOException {
        Files.writeString(dir.resolve("cases.jsonl"), cases, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest.yaml"), "name: c\nversion: '2.1'\nlicense: MIT\nsha256: "
                + ContentHash.sha256(dir.resolve("cases.jsonl")) + "\n");
    }
    private static final TypeReference<Map<String, Object>> PLAIN_MAP = new TypeReference<>() { };

    @Test
    void aCasesObjectsAreTheValuesJacksonsUntypedBindingWouldGive() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        String line = "{\"id\":\"c1\",\"input\":{\"q\":\"caf\u00e9 \\ud83d\\ude00\",\"n\":[1,-2147483649,"
                + "123456789012345678901234567890,1.5,-0.0,1e300,true,false,null,{\"deep\":[[]]}]},"
                + "\"expected\":{\"answer\":\"42\",\"big\":9007199254740993,\"z\":{},\"list\":[\"a\",{}]},"
                + "\"metadata\":{\"source\":\"x\",\"score\":0.1}}";
        EvalCase parsed = CorpusLoader.parseCase(Path.of("cases.jsonl"), 1, line);
        JsonNode tree = jackson.readTree(line);
        Map<String, Object> input = jackson.convertValue(tree.get("input"),
                PLAIN_MAP);
        Map<String, Object> expected = jackson.convertValue(tree.get("expected"),
                PLAIN_MAP);
        Map<String, Object> metadata = jackson.convertValue(tree.get("metadata"),
                PLAIN_MAP);
        assertThat(parsed.input()).isEqualTo(input);
        assertThat(parsed.expected()).isEqualTo(expected);
        assertThat(parsed.metadata()).isEqualTo(metadata);
        // Equal values of the same classes: a Long stays a Long, a BigInteger a BigInteger, -0.0 a negative zero.
        assertThat(classes(parsed.input())).isEqualTo(classes(input));
        assertThat(classes(parsed.expected())).isEqualTo(classes(expected));
    }

    private static String classes(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(k).append('=').append(classes(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(classes(v)).append(','));
            return out.append(']').toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
