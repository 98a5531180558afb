package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.StageException;
import java.util.Arrays;

/**
 * {@code sum}: a long sum for a long column (an overflow fails the stage rather than wrapping),
 * a double sum once the column is double; null for a group without a non-null value.
 */
final class SumAccumulator extends Accumulator {
    private long[] longs = new long[16];
    private double[] doubles;
    private long[] counts = new long[16];

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) throws StageException {
        counts = grow(counts, groups);
        boolean[] nulls = column.nullMask();
        if (column.type() == DataType.DOUBLE && doubles == null) {
            doubles = new double[longs.length];
            for (int g = 0; g < longs.length; g++) {
                doubles[g] = longs[g];
            }
        }
        if (doubles != null) {
            doubles = grow(doubles, groups);
            for (int r = 0; r < rows; r++) {
                if (nulls == null || !nulls[r]) {
                    doubles[rowGroups[r]] += column.getDouble(r);
                    counts[rowGroups[r]]++;
                }
            }
            return;
        }
        longs = grow(longs, groups);
        long[] v = column.longData();
        for (int r = 0; r < rows; r++) {
            if (nulls == null || !nulls[r]) {
                int g = rowGroups[r];
                long s = longs[g] + v[r];
                if (((longs[g] ^ s) & (v[r] ^ s)) < 0) {
                    throw new StageException("the sum overflows a long (more than " + Long.MAX_VALUE
                            + "); cast the column to double first with transform.cast");
                }
                longs[g] = s;
                counts[g]++;
            }
        }
    }

    @Override
    Column result(int groups) {
        counts = grow(counts, groups);
        boolean[] nulls = noValues(counts, groups);
        if (doubles != null) {
            return Column.ofDoubles(Arrays.copyOf(grow(doubles, groups), groups), nulls, groups);
        }
        return Column.ofLongs(DataType.LONG, Arrays.copyOf(grow(longs, groups), groups), nulls, groups);
    }
}
