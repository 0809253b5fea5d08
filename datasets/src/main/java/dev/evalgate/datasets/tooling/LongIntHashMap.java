package dev.evalgate.datasets.tooling;

/**
 * A map from long to int with open addressing and no boxing: the shingle counts and ranks of a corpus of a million
 * cases hold tens of millions of entries, which as {@code HashMap<Long, Integer>} would cost several times the
 * memory. Absent keys read as 0.
 */
final class LongIntHashMap {
    private static final long EMPTY = 0L;

    private long[] keys = new long[64];
    private int[] values = new int[64];
    /** The key 0 marks an empty slot, so its value is kept apart. */
    private boolean hasZero;
    private int zeroValue;
    private int size;

    int get(long key) {
        if (key == EMPTY) {
            return hasZero ? zeroValue : 0;
        }
        int slot = slot(key);
        return keys[slot] == key ? values[slot] : 0;
    }

    void put(long key, int value) {
        if (key == EMPTY) {
            size += hasZero ? 0 : 1;
            hasZero = true;
            zeroValue = value;
            return;
        }
        int slot = slot(key);
        if (keys[slot] != key) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    void increment(long key) {
        put(key, get(key) + 1);
    }

    int size() {
        return size;
    }

    /** Every key present, in no particular order. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        if (hasZero) {
            out[n++] = EMPTY;
        }
        for (long key : keys) {
            if (key != EMPTY) {
                out[n++] = key;
            }
        }
        return out;
    }

    /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
