package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;

/** {@code count}: rows per group ({@code count(*)}), or non-null values of a column. */
final class CountAccumulator extends Accumulator {
    private long[] counts = new long[16];

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) {
        counts = grow(counts, groups);
        if (column == null || !column.hasNulls()) {
            for (int r = 0; r < rows; r++) {
                counts[rowGroups[r]]++;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (!column.isNull(r)) {
                counts[rowGroups[r]]++;
            }
        }
    }

    @Override
    Column result(int groups) {
        counts = grow(counts, groups);
        return Column.ofLongs(DataType.LONG, java.util.Arrays.copyOf(counts, groups), null, groups);
    }
}
