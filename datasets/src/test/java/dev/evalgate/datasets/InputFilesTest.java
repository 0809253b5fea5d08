package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void readLinesHashesTheBytesItReadsAndSplitsLinesAcrossBufferBoundaries() throws IOException {
        // A line longer than the 64 KiB read buffer, lines ending exactly at the buffer's end, CRLF and a BOM.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("\uFEFFfirst\r\n".getBytes(StandardCharsets.UTF_8));
        String longLine = "ä".repeat(50_000); // 100,000 bytes
        bytes.writeBytes((longLine + "\n").getBytes(StandardCharsets.UTF_8));
        int xs = (1 << 16) * 2 - bytes.size() - 1; // this line's break is the last byte of the second buffer
        bytes.writeBytes(("x".repeat(xs) + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("\n\nlast without a line break".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("lines.jsonl");
        Files.write(file, bytes.toByteArray());

        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String sha256 = InputFiles.readLines(file, InputKind.CASES, (number, text) -> {
            numbers.add(number);
            lines.add(text);
        });

        assertThat(sha256).isEqualTo(ContentHash.sha256(bytes.toByteArray()));
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(lines.get(0)).isEqualTo("first");
        assertThat(lines.get(1)).isEqualTo(longLine);
        assertThat(lines.get(2)).hasSize(xs).matches("x+");
        assertThat(lines.subList(3, 6)).containsExactly("", "", "last without a line break");
    }

    @Test
    void aLargeFileHashedOnAnotherThreadGivesTheSameHashAndLines() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = 0;
        while (bytes.size() <= InputFiles.BACKGROUND_HASH_FROM_BYTES + (1 << 16)) {
            bytes.writeBytes(("{\"id\": \"case-" + count++ + "\", \"text\": \"" + "z".repeat(count % 300)
                    + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("large.jsonl");
        Files.write(file, bytes.toByteArray());

        List<String> lines = new ArrayList<>();
        String sha256 = InputFiles.readLines(file, InputKind.CASES, (number, text) -> lines.add(text));

        assertThat(sha256).isEqualTo(ContentHash.sha256(bytes.toByteArray()));
        assertThat(lines).hasSize(count);
        assertThat(lines.get(count - 1)).startsWith("{\"id\": \"case-" + (count - 1) + "\"");
    }

    @Test
    void aVisitorThatFailsInALargeFileStopsTheHashingThread() throws IOException, InterruptedException {
        Path file = dir.resolve("large.jsonl");
        int lines = (int) (InputFiles.BACKGROUND_HASH_FROM_BYTES / 100 + 10);
        Files.writeString(file, ("x".repeat(99) + "\n").repeat(lines));

        assertThatThrownBy(() -> InputFiles.readLines(file, InputKind.CASES, (number, text) -> {
            if (number == 20_000) {
                throw new InvalidInputException(file, number, "id", "bad case");
            }
        })).isInstanceOf(InvalidInputException.class).hasMessageContaining("large.jsonl:20000");
        for (int i = 0; i < 100 && hashingThreads() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(hashingThreads()).isZero();
    }

    private static long hashingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("evalgate-hash")).count();
    }

    @Test
    void aFinalLineBreakMakesNoEmptyLastLine() throws IOException {
        Path file = dir.resolve("two.jsonl");
        Files.writeString(file, "a\nb\n");
        List<String> lines = new ArrayList<>();
        InputFiles.readLines(file, InputKind.CASES, (number, text) -> lines.add(text));
        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void aBadByteIsReportedAtItsLineEvenPastTheFirstBuffer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            bytes.writeBytes(("line " + i + " " + "y".repeat(60) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[] {'o', 'k', ' ', (byte) 0xFF, '\n'});
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, bytes.toByteArray());

        assertThatThrownBy(() -> InputFiles.readLines(file, InputKind.CASES, (number, text) -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.jsonl:2001")
                .hasMessageContaining("byte 0xFF at column 4");
    }

    @Test
    void theFileChecksComeFirst() {
        assertThatThrownBy(() -> InputFiles.readLines(dir.resolve("missing.jsonl"), InputKind.CASES, (n, t) -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cases file not found");
        assertThatThrownBy(() -> InputFiles.readLines(dir, InputKind.CASES, (n, t) -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("this is a directory");
    }
}
