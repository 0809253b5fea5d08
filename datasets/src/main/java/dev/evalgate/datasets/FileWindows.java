package dev.evalgate.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Reads lines of a file back by where they lie, through a few windows of the file kept between reads, so that a pass
 * in order reads the file once even while another pass reads elsewhere; the least recently used window is refilled.
 * Serves the lists that keep a file's lines as offsets instead of as text (cases, recorded outputs, results).
 *
 * <p>Not thread-safe: a caller holds its own lock from {@link #bytesAt} until it is done with the bytes, since the
 * next call may refill the window they lie in.
 */
@API(status = INTERNAL, since = "0.1.0")
public final class FileWindows {
    static final int WINDOW_BYTES = 1 << 16;
    private static final int WINDOWS = 4;

    private final Path file;
    private final Window[] windows = new Window[WINDOWS];
    private long clock;

    public FileWindows(Path file) {
        this.file = file;
        for (int i = 0; i < WINDOWS; i++) {
            windows[i] = new Window();
        }
    }

    /** Where {@code length} bytes of the file lie in {@link #bytes()}: from {@code start}. */
    public record Bytes(byte[] bytes, int start, int length) {
    }

    /**
     * The {@code length} bytes at {@code offset}, or null when the file now ends before them.
     *
     * @throws IOException when the file cannot be read
     */
    public Bytes bytesAt(long offset, int length) throws IOException {
        Window oldest = windows[0];
        for (Window w : windows) {
            if (offset >= w.start && offset + length <= w.start + w.length) {
                w.used = ++clock;
                return new Bytes(w.bytes, (int) (offset - w.start), length);
            }
            if (w.used < oldest.used) {
                oldest = w;
            }
        }
        oldest.used = ++clock;
        if (!oldest.fill(file, offset, length)) {
            return null;
        }
        return new Bytes(oldest.bytes, 0, length);
    }

    /** A stretch of the file, read at once. */
    private static final class Window {
        byte[] bytes = new byte[0];
        long start;
        int length;
        long used;

        /** False when the file ends before the line does. */
        boolean fill(Path file, long offset, int lineLength) throws IOException {
            int want = Math.max(WINDOW_BYTES, lineLength);
            if (bytes.length < want) {
                bytes = new byte[want];
            }
            length = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, want);
                long position = offset;
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, position);
                    if (read < 0) {
                        break;
                    }
                    position += read;
                }
                start = offset;
                length = buffer.position();
                return length >= lineLength;
            }
        }
    }
}
