package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.StageException;
import java.util.Arrays;

/**
 * {@code sum}: a long sum for a long column (an overflow fails the stage rather than wrapping),
 * a double sum once the column is double; null for a group without a non-null value. Double sums
 * are compensated (Neumaier's variant of Kahan summation): adding a million two-decimal amounts
 * naively drifts in the last digits ({@code 501248.17999999976} for {@code 501248.18}), which a
 * user reads as a wrong total.
 */
final class SumAccumulator extends Accumulator {
    private long[] longs = new long[16];
    private double[] doubles;
    /** The low-order part each double sum has lost so far, added back in {@link #result}. */
    private double[] compensation;
    private long[] counts = new long[16];

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) throws StageException {
        counts = grow(counts, groups);
        boolean[] nulls = column.nullMask();
        if (column.type() == DataType.DOUBLE && doubles == null) {
            doubles = new double[longs.length];
            compensation = new double[longs.length];
            for (int g = 0; g < longs.length; g++) {
                doubles[g] = longs[g];
            }
        }
        if (doubles != null) {
            doubles = grow(doubles, groups);
            compensation = grow(compensation, groups);
            for (int r = 0; r < rows; r++) {
                if (nulls == null || !nulls[r]) {
                    int g = rowGroups[r];
                    double x = column.getDouble(r);
                    double sum = doubles[g];
                    double t = sum + x;
                    compensation[g] += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
                    doubles[g] = t;
                    counts[g]++;
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
            double[] sums = Arrays.copyOf(grow(doubles, groups), groups);
            double[] lost = grow(compensation, groups);
            for (int g = 0; g < groups; g++) {
                sums[g] += lost[g];
            }
            return Column.ofDoubles(sums, nulls, groups);
        }
        return Column.ofLongs(DataType.LONG, Arrays.copyOf(grow(longs, groups), groups), nulls, groups);
    }
}
