package dev.evalgate.datasets;

import java.nio.file.Path;

/**
 * The ids a loader has seen so far, as 64-bit hashes with the line each was first used on (an open-addressing
 * table, 24 bytes an id), so that finding a duplicate among a million cases does not hold a million strings. Equal
 * hashes are settled by reading the earlier line again: two different ids that share a hash are both kept.
 */
final class SeenIds {
    /** Reads the id of an earlier line again. */
    @FunctionalInterface
    interface IdOnLine {
        String id(int line);
    }

    private long[] hashes = new long[1 << 10];
    private int[] lines = new int[hashes.length]; // 0: free slot
    private int size;

    /** Records the id; returns the line it was first used on, or 0 when it is new. */
    int firstLineOf(String id, int line, IdOnLine earlier) {
        if (size * 2 >= hashes.length) {
            grow();
        }
        long hash = ContentHash.hash64(id);
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (lines[slot] != 0) {
            if (hashes[slot] == hash && earlier.id(lines[slot]).equals(id)) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        lines[slot] = line;
        size++;
        return 0;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldLines = lines;
        hashes = new long[oldHashes.length * 2];
        lines = new int[hashes.length];
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldLines[i] != 0) {
                int slot = (int) (oldHashes[i] ^ (oldHashes[i] >>> 32)) & mask;
                while (lines[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** The id on a line of a cases file, read again from the start of the file (only when two hashes meet). */
    static String idOnLine(Path casesFile, int wanted) {
        String[] found = {null};
        try {
            InputFiles.readLines(casesFile, InputKind.CASES, (number, text) -> {
                if (number == wanted) {
                    found[0] = CorpusLoader.parseCase(casesFile, number, text).id();
                    throw new Found();
                }
            });
        } catch (Found done) {
            return found[0];
        }
        throw new InvalidInputException(casesFile, wanted, null, "the file changed while it was read");
    }

    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }
}
