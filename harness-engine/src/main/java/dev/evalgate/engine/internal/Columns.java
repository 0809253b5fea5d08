package dev.evalgate.engine.internal;

import java.util.Arrays;

/**
 * Cuts a column grown by doubling to its size when it is handed over: the column itself when already of that size,
 * else a copy. A caller drops its own reference right after, so that only one column at a time is held twice.
 */
final class Columns {
    private Columns() {
    }

    static int[] fit(int[] column, int length) {
        return column.length == length ? column : Arrays.copyOf(column, length);
    }

    static long[] fit(long[] column, int length) {
        return column.length == length ? column : Arrays.copyOf(column, length);
    }

    static double[] fit(double[] column, int length) {
        return column.length == length ? column : Arrays.copyOf(column, length);
    }

    static byte[] fit(byte[] column, int length) {
        return column.length == length ? column : Arrays.copyOf(column, length);
    }

    static <T> T[] fit(T[] column, int length) {
        return column.length == length ? column : Arrays.copyOf(column, length);
    }
}
