package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;

/**
 * {@code var} and {@code std} of a numeric column, by Welford's running mean and sum of squared
 * deviations (stable where the textbook sum-of-squares formula cancels). Variance is the sample
 * variance (divided by n - 1), null for fewer than two values; std is its square root. A group
 * without a value gives null. ({@code avg} is a sum divided by a count: {@link SumAccumulator}.)
 */
final class MomentsAccumulator extends Accumulator {
    /** Which moment to report. */
    enum Result { VAR, STD }

    private final Result result;
    private long[] counts = new long[16];
    private double[] means = new double[16];
    private double[] m2 = new double[16];

    MomentsAccumulator(Result result) {
        this.result = result;
    }

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) {
        counts = grow(counts, groups);
        means = grow(means, groups);
        m2 = grow(m2, groups);
        boolean[] nulls = column.nullMask();
        for (int r = 0; r < rows; r++) {
            if (nulls == null || !nulls[r]) {
                int g = rowGroups[r];
                double x = column.getDouble(r);
                long n = ++counts[g];
                double delta = x - means[g];
                means[g] += delta / n;
                m2[g] += delta * (x - means[g]);
            }
        }
    }

    @Override
    Column result(int groups) {
        counts = grow(counts, groups);
        double[] out = new double[groups];
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            long n = counts[g];
            nulls[g] = n < 2;
            double var = n < 2 ? 0 : m2[g] / (n - 1);
            out[g] = result == Result.VAR ? var : Math.sqrt(var);
        }
        return Column.ofDoubles(out, nulls, groups);
    }
}
