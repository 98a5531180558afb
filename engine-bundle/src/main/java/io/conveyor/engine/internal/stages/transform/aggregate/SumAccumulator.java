package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.StageException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * {@code sum}, and {@code avg} as the sum divided by the count: a long sum for a long column (for
 * {@code sum}, an overflow fails the stage rather than wrapping; {@code avg} goes on with a double
 * sum), a double sum once the column is double; null for a group without a non-null value.
 * Double sums are compensated (Neumaier's variant of Kahan summation): adding a million
 * two-decimal amounts naively drifts in the last digits ({@code 501248.17999999976} for
 * {@code 501248.18}), which a user reads as a wrong total.
 *
 * <p>The average of a long column is its exact sum divided once, so it is the double nearest the
 * true average ({@code 10993 / 1024} is {@code 10.7353515625}; a running mean, updated value by
 * value, gave {@code 10.735351562499998}).
 */
final class SumAccumulator extends Accumulator {
    /** Largest magnitude up to which every long is a double. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;
    private final boolean mean;
    private long[] longs = new long[16];
    private double[] doubles;
    /** The low-order part each double sum has lost so far, added back in {@link #result}. */
    private double[] compensation;
    private long[] counts = new long[16];

    /** A {@code sum}. */
    SumAccumulator() {
        this(false);
    }

    /** @param mean true for {@code avg}: the result is the sum divided by the count */
    SumAccumulator(boolean mean) {
        this.mean = mean;
    }

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) throws StageException {
        counts = grow(counts, groups);
        if (column.type() == DataType.DOUBLE && doubles == null) {
            toDoubles();
        }
        int from = 0;
        if (doubles == null) {
            longs = grow(longs, groups);
            from = addLongs(rowGroups, rows, column);
            if (from == rows) {
                return;
            }
            // An average goes on in doubles where a long sum would overflow.
            toDoubles();
        }
        doubles = grow(doubles, groups);
        compensation = grow(compensation, groups);
        boolean[] nulls = column.nullMask();
        for (int r = from; r < rows; r++) {
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
    }

    /**
     * Adds the rows of a long column to the long sums.
     *
     * @return {@code rows}, or for an average the row whose value would overflow its group's sum
     *         (not added)
     * @throws StageException if a sum overflows
     */
    private int addLongs(int[] rowGroups, int rows, Column column) throws StageException {
        boolean[] nulls = column.nullMask();
        long[] v = column.longData();
        for (int r = 0; r < rows; r++) {
            if (nulls == null || !nulls[r]) {
                int g = rowGroups[r];
                long s = longs[g] + v[r];
                if (((longs[g] ^ s) & (v[r] ^ s)) < 0) {
                    if (mean) {
                        return r;
                    }
                    throw new StageException("the sum overflows a long (more than " + Long.MAX_VALUE
                            + "); cast the column to double first with transform.cast");
                }
                longs[g] = s;
                counts[g]++;
            }
        }
        return rows;
    }

    /** Goes on in doubles: each long sum becomes the nearest double, and what that loses its compensation. */
    private void toDoubles() {
        doubles = new double[longs.length];
        compensation = new double[longs.length];
        for (int g = 0; g < longs.length; g++) {
            doubles[g] = longs[g];
            // Exact in longs: the double is within 2^10 of the long. A long near the top rounds to
            // 2^63, which a long cannot hold: the difference is then taken from Long.MAX_VALUE.
            compensation[g] = doubles[g] < 0x1p63 ? longs[g] - (long) doubles[g] : longs[g] - Long.MAX_VALUE - 1;
        }
    }

    @Override
    Column result(int groups) {
        counts = grow(counts, groups);
        boolean[] nulls = noValues(counts, groups);
        if (mean) {
            double[] out = new double[groups];
            for (int g = 0; g < groups; g++) {
                long n = counts[g];
                if (n == 0) {
                    continue;
                }
                if (doubles != null) {
                    out[g] = (doubles[g] + compensation[g]) / n;
                } else if (Math.abs(longs[g]) <= EXACT_IN_DOUBLE) {
                    out[g] = (double) longs[g] / n;
                } else {
                    out[g] = new BigDecimal(longs[g]).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
                }
            }
            return Column.ofDoubles(out, nulls, groups);
        }
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
