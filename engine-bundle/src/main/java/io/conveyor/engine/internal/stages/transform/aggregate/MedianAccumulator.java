package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import java.util.Arrays;

/**
 * {@code median} of a numeric column: holds every non-null value of each group (a median needs
 * them all), then takes the middle one, or the mean of the two middle ones for an even count.
 * A group without a value gives null.
 */
final class MedianAccumulator extends Accumulator {
    private double[][] values = new double[16][];
    private int[] sizes = new int[16];

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) {
        if (groups > values.length) {
            int n = Math.max(groups, values.length * 2);
            values = Arrays.copyOf(values, n);
            sizes = Arrays.copyOf(sizes, n);
        }
        boolean[] nulls = column.nullMask();
        for (int r = 0; r < rows; r++) {
            if (nulls == null || !nulls[r]) {
                int g = rowGroups[r];
                double[] v = values[g];
                if (v == null) {
                    v = values[g] = new double[8];
                } else if (sizes[g] == v.length) {
                    v = values[g] = Arrays.copyOf(v, v.length * 2);
                }
                v[sizes[g]++] = column.getDouble(r);
            }
        }
    }

    @Override
    Column result(int groups) {
        double[] out = new double[groups];
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            int n = g < sizes.length ? sizes[g] : 0;
            if (n == 0) {
                nulls[g] = true;
                continue;
            }
            double[] v = values[g];
            Arrays.sort(v, 0, n);
            out[g] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
        return Column.ofDoubles(out, nulls, groups);
    }
}
