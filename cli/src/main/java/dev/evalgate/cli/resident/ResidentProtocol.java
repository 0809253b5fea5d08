package dev.evalgate.cli.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes a client and a resident process exchange over the Unix socket. Plain Java, no libraries: the client is
 * started from the class directory alone, to start in a tenth of the time of the full command line.
 *
 * <p>A client sends {@link #MAGIC}, {@link #VERSION} and a request kind; a command request then carries the
 * client's identity ({@link ResidentIdentity}), its arguments and what its standard error leads to. The
 * resident process answers with frames: a type byte, a length and the payload. A client and a resident process of
 * different builds refuse each other at the version, and the client runs the command itself.
 */
final class ResidentProtocol {
    static final int MAGIC = 0x45564731; // "EVG1"
    /** Raised whenever the request or the frames change. */
    static final int VERSION = 3;

    static final byte COMMAND = 1;
    static final byte STATUS = 2;
    static final byte STOP = 3;
    /** Sent by a client after its request when it is interrupted (Ctrl-C): the command ends as its own JVM would. */
    static final byte INTERRUPTED = 4;

    /** The command is taken and runs: from here on, whatever happens is the command's outcome. */
    static final byte ACCEPTED = 5;
    /** Bytes for the client's standard output. */
    static final byte OUT = 1;
    /** Bytes for the client's standard error. */
    static final byte ERR = 2;
    /** The command's exit code; the last frame of an answered request. */
    static final byte EXIT = 3;
    /** The request was not run (the reason, for people); the client runs the command itself. */
    static final byte REFUSED = 4;

    /** Longest string a request may carry: a command line, an environment variable. */
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_ITEMS = 100_000;

    private ResidentProtocol() {
    }

    /** Opens a request of the given kind ({@link #COMMAND}, {@link #STATUS}, {@link #STOP}). */
    static void writeRequestHeader(DataOutputStream out, byte kind) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeByte(kind);
    }

    /** One frame of an answer: its type and its bytes. */
    record Frame(byte type, byte[] payload) {
        /** The exit code an {@link #EXIT} frame carries. */
        int exitCode() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    /** The next frame of an answer; an IOException when the connection ends first or the frame is malformed. */
    static Frame readFrame(DataInputStream in) throws IOException {
        byte type = in.readByte();
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("malformed frame of " + length + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException();
        }
        return new Frame(type, payload);
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new IOException("malformed request: a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static void writeStrings(DataOutputStream out, List<String> items) throws IOException {
        out.writeInt(items.size());
        for (String item : items) {
            writeString(out, item);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int count = count(in);
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readString(in));
        }
        return items;
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int count = count(in);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IOException("malformed request: " + count + " items");
        }
        return count;
    }

    /** Writes one frame; frames from the command's two streams are written whole, one at a time. */
    static void writeFrame(DataOutputStream out, byte type, byte[] payload, int offset, int length)
            throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    static void writeExit(DataOutputStream out, int code) throws IOException {
        synchronized (out) {
            out.writeByte(EXIT);
            out.writeInt(4);
            out.writeInt(code);
            out.flush();
        }
    }

    static void writeRefusal(DataOutputStream out, String reason) throws IOException {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        writeFrame(out, REFUSED, bytes, 0, bytes.length);
    }

    /** An output stream whose every write becomes one frame of the given type. */
    static OutputStream framed(DataOutputStream out, byte type) {
        return new ChunkOutputStream() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > 0) {
                    writeFrame(out, type, bytes, offset, length);
                }
            }
        };
    }

    /** A connection to the resident process listening at {@code socket}, or empty when none listens there. */
    static Optional<SocketChannel> connect(Path socket) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(channel);
        } catch (IOException | RuntimeException e) {
            // No file, a stale file (its process died), or a path the platform refuses: nobody to talk to.
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was sent on it
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The channel's bytes as a stream. Not {@code Channels.newInputStream}: its streams take the channel's blocking
     * lock for each read and write, so a read waiting for the client to hang up would stop every answer frame.
     */
    static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(bytes, offset, length));
            }
        };
    }

    static OutputStream output(SocketChannel channel) {
        return new ChunkOutputStream() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /** An output stream written in chunks: a single byte is a chunk of one. */
    private abstract static class ChunkOutputStream extends OutputStream {
        @Override
        public final void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public abstract void write(byte[] bytes, int offset, int length) throws IOException;
    }
}
