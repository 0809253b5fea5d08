package dev.evalgate.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The one way evalgate reads a file it did not just write: every loader (suites, bundles, manifests, cases, replay
 * files, run records, results, cache entries) goes through here, so every file is checked the same way before it
 * is parsed: it exists, it is a regular file (not a device, a FIFO or a directory), it is within the size limit of
 * its {@link InputKind}, and it is UTF-8.
 *
 * <p>Problems with the file's content are the user's to fix and are reported as {@link InvalidInputException}
 * with file and line; a file that cannot be read at all (permissions, an I/O error) is an environment problem and
 * is reported as an {@link UncheckedIOException} whose message names the file and what to do.
 */
public final class InputFiles {
    private static final int CHUNK_BYTES = 1 << 16;
    /** From this size on, {@link #readLines} hashes on a thread of its own. */
    static final long BACKGROUND_HASH_FROM_BYTES = 4L << 20;

    private InputFiles() {
    }

    /** The file's bytes, after the checks; at most {@link InputKind#maxBytes()} of them. */
    public static byte[] readBytes(Path file, InputKind kind) {
        checkReadable(file, kind);
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trust the size: /proc files and growing files lie about it.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, kind.maxBytes() + 1));
            if (bytes.length > kind.maxBytes()) {
                throw tooLarge(file, kind);
            }
            return bytes;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file as text: strict UTF-8, a leading byte-order mark dropped. */
    public static String readText(Path file, InputKind kind) {
        byte[] bytes = readBytes(file, kind);
        String text = decode(file, bytes, 0, bytes.length, 1);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Receives the lines of a file as {@link #readLines} decodes them. */
    @FunctionalInterface
    public interface LineVisitor {
        /** One line, without its line break; {@code number} counts from 1. */
        void line(int number, String text);
    }

    /**
     * Reads a text file once, line by line, and returns the sha256 of its bytes: a loader that checks a pinned hash
     * neither reads the file twice nor holds it whole. The checks are those of {@link #readBytes}; each line is
     * decoded as strict UTF-8 (a bad byte is reported at its line), a trailing carriage return and a leading
     * byte-order mark are dropped, and a final line break does not make an empty last line.
     */
    public static String readLines(Path file, InputKind kind, LineVisitor visitor) {
        return readLines(file, kind, (number, text, offset, length) -> visitor.line(number, text));
    }

    /** Receives the lines of a file with where each lies in it, for a list that reads them again later. */
    @FunctionalInterface
    public interface LocatedLineVisitor {
        /**
         * One line, without its line break; {@code offset} and {@code length} are the bytes of {@code text} in the
         * file (after a leading byte-order mark, without a trailing carriage return).
         */
        void line(int number, String text, long offset, int length);
    }

    /** {@link #readLines(Path, InputKind, LineVisitor)}, telling the visitor where each line lies in the file. */
    public static String readLines(Path file, InputKind kind, LocatedLineVisitor visitor) {
        checkReadable(file, kind);
        // A large file is hashed on another core while this one parses it; a small one is not worth a thread.
        boolean background = size(file) >= BACKGROUND_HASH_FROM_BYTES;
        MessageDigest digest = background ? null : ContentHash.digest();
        byte[] chunk = new byte[CHUNK_BYTES];
        byte[] line = new byte[1 << 12];
        int lineLength = 0;
        long lineStart = 0;
        int number = 0;
        long total = 0;
        try (InputStream in = Files.newInputStream(file);
             BackgroundDigest hashing = background ? new BackgroundDigest() : null) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                long chunkStart = total;
                total += n;
                // Counted as read rather than trusted from the size: /proc files and growing files lie about it.
                if (total > kind.maxBytes()) {
                    throw tooLarge(file, kind);
                }
                if (hashing == null) {
                    digest.update(chunk, 0, n);
                } else {
                    hashing.update(chunk, n); // only read from here on; the next read gets a fresh array
                }
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (lineLength == 0) {
                        visitLine(file, chunk, start, i - start, chunkStart + start, ++number, visitor);
                    } else {
                        line = append(line, lineLength, chunk, start, i - start);
                        visitLine(file, line, 0, lineLength + i - start, lineStart, ++number, visitor);
                        lineLength = 0;
                    }
                    start = i + 1;
                }
                if (lineLength == 0) {
                    lineStart = chunkStart + start;
                }
                line = append(line, lineLength, chunk, start, n - start);
                lineLength += n - start;
                if (hashing != null) {
                    chunk = new byte[CHUNK_BYTES];
                }
            }
            if (lineLength > 0) {
                visitLine(file, line, 0, lineLength, lineStart, ++number, visitor);
            }
            return hashing != null ? hashing.finish() : HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static byte[] append(byte[] line, int lineLength, byte[] chunk, int start, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(chunk, start, line, lineLength, length);
        return line;
    }

    private static void visitLine(Path file, byte[] bytes, int offset, int length, long position, int number,
                                  LocatedLineVisitor visitor) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        String text = decode(file, bytes, offset, length, number);
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
            position += 3; // the mark is three bytes in UTF-8
            length -= 3;
        }
        visitor.line(number, text, position, length);
    }

    /**
     * Checks that a file can be read as the given kind without reading it: exists, regular, within the limit.
     * Loaders that stream a file call this before opening it.
     */
    public static void checkReadable(Path file, InputKind kind) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, 0, null, kind.label() + " not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, 0, null, Files.isDirectory(file)
                    ? "this is a directory, not a " + kind.label() + "; give the file itself"
                    : "not a regular file (a device, FIFO or socket); give a regular " + kind.label());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (size > kind.maxBytes()) {
            throw tooLarge(file, kind);
        }
    }

    /**
     * Whether the bytes are all ASCII, and so already their own UTF-8 decoding: most corpus lines are, and copying
     * them as they are skips the decoder's char buffer and the string's second compaction.
     */
    static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes bytes as strict UTF-8. A malformed byte is reported with its line, counted from {@code firstLine}
     * at {@code offset}, so the author can find it.
     */
    public static String decode(Path file, byte[] bytes, int offset, int length, int firstLine) {
        if (isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes, offset, length);
            int line = firstLine;
            int lineStart = offset;
            for (int i = offset; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InvalidInputException(file, line, null, String.format(
                    "not valid UTF-8 (byte 0x%02X at column %d); save the file as UTF-8",
                    bytes[bad] & 0xFF, bad - lineStart + 1));
        }
    }

    /**
     * Resolves a path written in a file against a directory, refusing what the file system cannot name (a NUL
     * character) with the file, line and field it came from.
     */
    public static Path resolve(Path directory, String written, Path file, int line, String field) {
        if (written.indexOf('\0') >= 0) {
            throw new InvalidInputException(file, line, field, "the path contains a NUL character");
        }
        try {
            return directory.resolve(written).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(file, line, field, "not a valid path: " + e.getReason());
        }
    }

    private static int firstBadByte(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (!result.isOverflow()) {
                return offset + length - 1;
            }
            out.clear();
        }
    }

    private static InvalidInputException tooLarge(Path file, InputKind kind) {
        return new InvalidInputException(file, 0, null, "larger than " + kind.describeLimit() + ", the limit for a "
                + kind.label() + "; check that this is the file you meant");
    }

    /** An environment problem: the message says which file and what to do about it. */
    public static UncheckedIOException unreadable(Path file, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied; check the file's permissions"
                : e instanceof NoSuchFileException ? "it disappeared while being read"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : String.valueOf(e.getMessage());
        return new UncheckedIOException("cannot read " + file + ": " + reason, e);
    }
}
