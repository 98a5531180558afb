package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.StageException;

/**
 * The state of one aggregation for every group, in arrays indexed by group number, fed a batch
 * at a time. Groups are numbered densely from 0; {@code groups} only ever grows.
 */
abstract class Accumulator {
    /**
     * @param rowGroups the group of each row
     * @param rows the number of rows
     * @param column the aggregated column, or null for {@code count(*)}
     * @param groups the number of groups so far
     * @throws StageException if a value cannot be aggregated (a long sum overflows)
     */
    abstract void add(int[] rowGroups, int rows, Column column, int groups) throws StageException;

    /**
     * @param groups the number of groups
     * @return one value per group, in group order
     */
    abstract Column result(int groups);

    /** @return {@code a} grown to hold at least {@code n} entries */
    static long[] grow(long[] a, int n) {
        return n <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    /** @return {@code a} grown to hold at least {@code n} entries */
    static double[] grow(double[] a, int n) {
        return n <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    /** @return {@code a} grown to hold at least {@code n} entries */
    static boolean[] grow(boolean[] a, int n) {
        return n <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    /** @return a mask that is true where {@code counts} is 0 (no value: the result is null) */
    static boolean[] noValues(long[] counts, int groups) {
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            nulls[g] = counts[g] == 0;
        }
        return nulls;
    }
}
