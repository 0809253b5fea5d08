package dev.evalgate.reports;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.internal.Json;
import dev.evalgate.reports.html.ScriptSafeJson;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptSafeJsonTest {
    @Test
    void leavesNoMarkupAndNoLineSeparatorsYetParsesBackToTheSameStrings() throws Exception {
        List<String> hostile = List.of("</script><script>alert(1)</script>", "<!--", "a & b > c",
                "\u2028\u2029", "</SCRIPT\t>", "\\u003c already escaped");

        String json = ScriptSafeJson.of(Map.of("values", hostile));

        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> back = Json.MAPPER.readValue(json, Map.class);
        assertThat(back.get("values")).isEqualTo(hostile);
    }
}
