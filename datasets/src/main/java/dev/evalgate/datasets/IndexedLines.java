package dev.evalgate.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Some lines of a text file, kept as where they lie rather than as text: per line its number, byte offset, byte
 * length and the hash of its text (20 bytes), so a list of a million cases or recorded outputs costs megabytes,
 * not the file. {@link #text} reads a line again through a few windows of the file, so that a pass in order reads
 * the file once even while other threads read nearby; a line whose text no longer hashes as it did when it was
 * indexed is reported at its file and line rather than silently read as different data.
 *
 * <p>Immutable once built; reads are safe from several threads.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class IndexedLines {
    private final Path file;
    private final int[] numbers;
    private final long[] offsets;
    private final int[] lengths;
    private final int[] hashes;
    private final FileWindows windows;

    private IndexedLines(Path file, int[] numbers, long[] offsets, int[] lengths, int[] hashes) {
        this.file = file;
        this.numbers = numbers;
        this.offsets = offsets;
        this.lengths = lengths;
        this.hashes = hashes;
        this.windows = new FileWindows(file);
    }

    public Path file() {
        return file;
    }

    public int size() {
        return numbers.length;
    }

    /** The 1-based line number of the {@code index}th indexed line. */
    public int lineNumber(int index) {
        return numbers[index];
    }

    /**
     * The text of the {@code index}th indexed line, as {@link InputFiles#readLines} decoded it.
     *
     * @throws InvalidInputException when the line changed since it was indexed
     */
    public String text(int index) {
        Objects.checkIndex(index, numbers.length);
        long offset = offsets[index];
        int length = lengths[index];
        String text;
        synchronized (this) {
            FileWindows.Bytes bytes;
            try {
                bytes = windows.bytesAt(offset, length);
            } catch (IOException e) {
                throw InputFiles.unreadable(file, e);
            }
            if (bytes == null) {
                throw changed(index);
            }
            text = decode(bytes);
        }
        if (text == null || text.hashCode() != hashes[index]) {
            throw changed(index);
        }
        return text;
    }

    private InvalidInputException changed(int index) {
        return new InvalidInputException(file, numbers[index], null, "the file changed while it was in use: this"
                + " line is no longer what was read and checked at the start; leave the file alone while a run reads"
                + " it, and start again");
    }

    /** The line's text, or null when its bytes are no longer UTF-8. */
    private static String decode(FileWindows.Bytes line) {
        if (InputFiles.isAscii(line.bytes(), line.start(), line.length())) {
            return new String(line.bytes(), line.start(), line.length(), StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.bytes(), line.start(), line.length())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Collects the lines to index, in the order the list will give them. */
    public static final class Builder {
        private final Path file;
        private int[] numbers = new int[64];
        private long[] offsets = new long[64];
        private int[] lengths = new int[64];
        private int[] hashes = new int[64];
        private int size;

        public Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** A line as {@link InputFiles.LocatedLineVisitor} gives it. */
        public Builder add(int number, String text, long offset, int length) {
            if (size == numbers.length) {
                int grown = size + (size >> 1);
                numbers = Arrays.copyOf(numbers, grown);
                offsets = Arrays.copyOf(offsets, grown);
                lengths = Arrays.copyOf(lengths, grown);
                hashes = Arrays.copyOf(hashes, grown);
            }
            numbers[size] = number;
            offsets[size] = offset;
            lengths[size] = length;
            hashes[size] = text.hashCode();
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public IndexedLines build() {
            return new IndexedLines(file, Arrays.copyOf(numbers, size), Arrays.copyOf(offsets, size),
                    Arrays.copyOf(lengths, size), Arrays.copyOf(hashes, size));
        }
    }
}
