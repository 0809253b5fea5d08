package dev.evalgate.models.llamacpp;

import dev.evalgate.datasets.ContentHash;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sha256 of local GGUF files, remembered in the cache directory by path, size and modification time, so a
 * 400 MB model is hashed once rather than on every run. A changed file (new size or time) is hashed again.
 */
final class ModelFingerprints {
    private final Path directory;

    ModelFingerprints(Path cacheDirectory) {
        this.directory = cacheDirectory.resolve("fingerprints");
    }

    String of(Path file) throws IOException {
        Path real = file.toRealPath();
        long size = Files.size(real);
        long modified = Files.getLastModifiedTime(real).toMillis();
        Path record = directory.resolve(ContentHash.sha256(real.toString()) + ".txt");
        String remembered = remembered(record, real, size, modified);
        if (remembered != null) {
            return remembered;
        }
        String sha256 = ContentHash.sha256(real);
        try {
            remember(record, real, size, modified, sha256);
        } catch (IOException e) {
            // a read-only cache costs a rehash next time, nothing more
        }
        return sha256;
    }

    private static String remembered(Path record, Path real, long size, long modified) {
        try {
            if (!Files.isRegularFile(record) || Files.size(record) > 8192) {
                return null;
            }
            String[] lines = Files.readString(record, StandardCharsets.UTF_8).split("\n");
            if (lines.length >= 4 && lines[0].equals(real.toString()) && lines[1].equals(Long.toString(size))
                    && lines[2].equals(Long.toString(modified)) && lines[3].matches("[0-9a-f]{64}")) {
                return lines[3];
            }
        } catch (IOException e) {
            // treated as not remembered
        }
        return null;
    }

    private void remember(Path record, Path real, long size, long modified, String sha256) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, record.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, real + "\n" + size + "\n" + modified + "\n" + sha256 + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
