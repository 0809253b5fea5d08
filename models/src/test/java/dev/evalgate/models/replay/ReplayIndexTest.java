package dev.evalgate.models.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.TraceId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay backend finds the same outputs whether it kept them parsed or reads them again from the file. */
class ReplayIndexTest {
    @TempDir
    Path tmp;

    @Test
    void findsByCaseKeyOrBareIdAndPrefersTheRepeatsOwnOutput() throws Exception {
        Path file = tmp.resolve("outputs.jsonl");
        StringBuilder lines = new StringBuilder("\uFEFF");
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"id\": \"case-").append(i).append("\", \"output\": \"any ").append(i).append("\"}\r\n");
        }
        lines.append("\n{\"id\": \"case-7\", \"repeat\": 1, \"output\": \"seventh, second repeat\"}\n")
                .append("{\"id\": \"case-7\", \"output\": \"a later line for every repeat\"}\n")
                .append("{\"id\": \"a/shared\", \"output\": \"corpus a's\"}\n")
                .append("{\"id\": \"shared\", \"output\": \"bare\", \"latency_ms\": 2.5, \"prompt_tokens\": 3}\n");
        Files.writeString(file, lines);

        for (long budget : new long[] {0, 1 << 20, Long.MAX_VALUE}) {
            ReplayClient client = ReplayClientProvider.open(file, new ReplayIndex.Builder(file, budget));
            assertThat(output(client, "c/case-0", 0)).isEqualTo("any 0");
            assertThat(output(client, "c/case-1999", 3)).isEqualTo("any 1999");
            assertThat(output(client, "c/case-7", 0)).isEqualTo("any 7");
            assertThat(output(client, "c/case-7", 1)).isEqualTo("seventh, second repeat");
            assertThat(output(client, "a/shared", 0)).isEqualTo("corpus a's");
            assertThat(output(client, "b/shared", 0)).isEqualTo("bare");
            assertThat(client.complete(request("b/shared", 0)).promptTokens()).isEqualTo(3);
            assertThatThrownBy(() -> output(client, "c/case-2000", 0)).isInstanceOf(ModelCallException.class)
                    .hasMessageContaining("no recorded output for case 'c/case-2000' repeat 0 in " + file);
        }
    }

    @Test
    void anOutputChangedAfterTheFileWasCheckedIsRefusedAtItsLine() throws Exception {
        Path file = tmp.resolve("outputs.jsonl");
        Files.writeString(file, "{\"id\": \"a\", \"output\": \"one\"}\n{\"id\": \"b\", \"output\": \"two\"}\n");
        ReplayClient client = ReplayClientProvider.open(file, new ReplayIndex.Builder(file, 0));
        Files.writeString(file, "{\"id\": \"a\", \"output\": \"one\"}\n{\"id\": \"b\", \"output\": \"TWO\"}\n");
        assertThat(output(client, "c/a", 0)).isEqualTo("one");
        assertThatThrownBy(() -> output(client, "c/b", 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outputs.jsonl:2").hasMessageContaining("changed while it was in use");
    }

    private static String output(ReplayClient client, String caseKey, int repeat) throws ModelCallException {
        return client.complete(request(caseKey, repeat)).text();
    }

    private static ModelRequest request(String caseKey, int repeat) {
        return new ModelRequest("", List.of(ChatMessage.user("q")), GenerationParams.DEFAULTS, null,
                new TraceId("run", caseKey, repeat).toString());
    }
}
