package dev.evalgate.datasets;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The sha256 of a large file, computed on a thread of its own while the caller parses the same bytes: hashing a
 * 100,000-case corpus costs as much CPU as parsing it, and the two need not wait for each other. At most
 * {@link #IN_FLIGHT} chunks wait to be hashed, so a slow hash holds the reader back rather than the file in memory.
 * A chunk handed to {@link #update} belongs to the digest from then on.
 */
final class BackgroundDigest implements AutoCloseable {
    static final int IN_FLIGHT = 16;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final MessageDigest digest = ContentHash.digest();
    private final Thread thread;
    private volatile boolean ended;

    BackgroundDigest() {
        thread = new Thread(this::hash, "evalgate-hash");
        thread.setDaemon(true);
        thread.start();
    }

    private void hash() {
        try {
            for (Chunk c = chunks.take(); c != END; c = chunks.take()) {
                digest.update(c.bytes(), 0, c.length());
            }
        } catch (InterruptedException e) {
            // closed before the end: the reader failed and nobody wants the hash
        }
    }

    /** Hands over {@code length} bytes of {@code bytes}; the caller must not write into the array afterwards. */
    void update(byte[] bytes, int length) {
        put(new Chunk(bytes, length));
    }

    /** The hex sha256 of every byte handed over. */
    String finish() {
        put(END);
        ended = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void put(Chunk chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    /** Stops the hashing thread when the file was not read to its end. */
    @Override
    public void close() {
        if (!ended) {
            thread.interrupt();
        }
    }
}
