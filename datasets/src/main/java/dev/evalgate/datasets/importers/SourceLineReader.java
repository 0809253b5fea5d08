package dev.evalgate.datasets.importers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Streams the lines of a large source file (JSONL of a million rows, a trace export) without holding the file:
 * checked through {@link InputFiles} first, each line decoded as strict UTF-8 on its own so a bad byte is reported
 * at its line, a leading byte-order mark dropped, and a line over {@link SourceFiles#MAX_LINE_CHARS} bytes reported
 * and skipped rather than buffered.
 */
final class SourceLineReader {
    /** What to do with each non-blank line. */
    interface LineHandler {
        void line(int number, String text);
    }

    private SourceLineReader() {
    }

    static void forEach(Path file, InputKind kind, RowSink sink, LineHandler handler) {
        InputFiles.checkReadable(file, kind);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int[] number = {1};
            boolean tooLong = false;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    tooLong = append(line, buffer, start, i - start, tooLong);
                    finish(file, line, number[0], tooLong, sink, handler);
                    line.reset();
                    tooLong = false;
                    number[0]++;
                    start = i + 1;
                }
                tooLong = append(line, buffer, start, n - start, tooLong);
            }
            finish(file, line, number[0], tooLong, sink, handler);
        } catch (IOException e) {
            throw InputFiles.unreadable(file, e);
        }
    }

    /** Adds bytes to the line unless it is already over the limit; true when it is (its bytes are dropped). */
    private static boolean append(ByteArrayOutputStream line, byte[] bytes, int from, int length, boolean tooLong) {
        if (tooLong || line.size() + length > SourceFiles.MAX_LINE_CHARS) {
            line.reset();
            return true;
        }
        line.write(bytes, from, length);
        return false;
    }

    private static void finish(Path file, ByteArrayOutputStream line, int number, boolean tooLong, RowSink sink,
                               LineHandler handler) {
        if (tooLong) {
            sink.problem(new InvalidInputException(file, number, null, "line is longer than "
                    + SourceFiles.MAX_LINE_CHARS + " bytes; a row this large is more likely a mistake than a case"));
            return;
        }
        if (line.size() == 0) {
            return;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (bytes[length - 1] == '\r') {
            length--;
        }
        try {
            String text = InputFiles.decode(file, bytes, 0, length, number);
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                handler.line(number, text);
            }
        } catch (InvalidInputException e) {
            sink.problem(e);
        }
    }
}
