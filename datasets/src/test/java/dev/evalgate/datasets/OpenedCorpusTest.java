package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus whose cases stay in their file gives the same cases as one loaded into memory. */
class OpenedCorpusTest {
    @TempDir
    Path dir;

    @Test
    void givesTheCasesTheLoaderReadsWhateverTheLineBreaksMarksAndLengths() throws IOException {
        StringBuilder cases = new StringBuilder("\uFEFF");
        for (int i = 0; i < 300; i++) {
            // CRLF and LF, blank lines, multi-byte text, and lines long enough to cross the reader's 64 KiB chunks
            // and the list's windows.
            String input = (i % 7 == 0 ? "Grüße 👋 ".repeat(40 + i * 9) : "plain " + i);
            cases.append("{\"id\": \"c-").append(i).append("\", \"input\": \"").append(input)
                    .append("\", \"tags\": [\"t").append(i % 3).append("\"]}").append(i % 2 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0) {
                cases.append("\n   \n");
            }
        }
        write(cases.toString());

        Corpus loaded = CorpusLoader.verifying().load(dir);
        List<Integer> lines = new ArrayList<>();
        // Nothing kept parsed: every case is read again from the file.
        Corpus opened = CorpusLoader.verifying().open(dir, manifest -> (line, text, evalCase) -> lines.add(line), 0);
        // Some kept, the rest read again.
        Corpus partly = CorpusLoader.verifying().open(dir, manifest -> (line, text, evalCase) -> { }, 100_000);

        assertThat(opened.cases()).hasSize(300).isEqualTo(loaded.cases());
        assertThat(partly.cases()).isEqualTo(loaded.cases());
        assertThat(opened.cases().get(0).id()).isEqualTo("c-0");
        // Read out of order too, as a sampled tier does.
        for (int i = 299; i >= 0; i -= 13) {
            assertThat(opened.cases().get(i)).isEqualTo(loaded.cases().get(i));
        }
        assertThat(lines).hasSize(300).startsWith(1, 4);
        assertThat(new Corpus(opened.manifest(), dir, opened.cases()).cases()).isSameAs(opened.cases());
    }

    @Test
    void aCaseLineChangedAfterLoadingIsRefusedAtItsFileAndLine() throws IOException {
        write("{\"id\": \"a\", \"input\": \"first\"}\n{\"id\": \"b\", \"input\": \"second\"}\n");
        Corpus opened = CorpusLoader.verifying().open(dir, manifest -> (line, text, evalCase) -> { }, 0);
        Files.writeString(dir.resolve("cases.jsonl"), "{\"id\": \"a\", \"input\": \"first\"}\n"
                + "{\"id\": \"b\", \"input\": \"SECOND\"}\n");

        assertThat(opened.cases().get(0).input()).containsEntry("input", "first");
        assertThatThrownBy(() -> opened.cases().get(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cases.jsonl:2").hasMessageContaining("changed while it was in use");

        Files.writeString(dir.resolve("cases.jsonl"), "{\"id\": \"a\"}\n");
        assertThatThrownBy(() -> opened.cases().get(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cases.jsonl:2").hasMessageContaining("changed while it was in use");
    }

    @Test
    void casesKeptFromLoadingAreTheCasesThatWereChecked() throws IOException {
        write("{\"id\": \"a\", \"input\": \"first\"}\n");
        Corpus opened = CorpusLoader.verifying().open(dir);
        Files.writeString(dir.resolve("cases.jsonl"), "{\"id\": \"a\", \"input\": \"other\"}\n");
        assertThat(opened.cases().get(0).input()).containsEntry("input", "first");
    }

    @Test
    void aDuplicateIdNamesTheLineItWasFirstUsedOn() throws IOException {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            cases.append("{\"id\": \"c-").append(i).append("\", \"input\": \"x\"}\n");
        }
        cases.append("{\"id\": \"c-4321\", \"input\": \"again\"}\n");
        write(cases.toString());
        assertThatThrownBy(() -> CorpusLoader.verifying().open(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cases.jsonl:5001: field 'id'")
                .hasMessageContaining("duplicate id 'c-4321' (first used on line 4322)");
    }

    private void write(String cases) throws IOException {
        Files.writeString(dir.resolve("cases.jsonl"), cases, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest.yaml"), "name: c\nversion: '1'\nsha256: "
                + ContentHash.sha256(dir.resolve("cases.jsonl")) + "\n");
    }
}
