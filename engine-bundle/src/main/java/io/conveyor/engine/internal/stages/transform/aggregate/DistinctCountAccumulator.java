package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.engine.internal.stages.transform.keys.KeyIndex;
import java.util.Arrays;
import java.util.List;

/**
 * {@code count_distinct}: the number of distinct non-null values per group, found by numbering
 * the distinct (group, value) pairs with a {@link KeyIndex}; a group counts each new pair.
 */
final class DistinctCountAccumulator extends Accumulator {
    private KeyIndex pairs;
    private long[] counts = new long[16];
    private int[] pairIds = new int[0];

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) {
        counts = grow(counts, groups);
        if (pairs == null) {
            pairs = new KeyIndex(List.of(DataType.LONG, column.type()));
        }
        long[] g = new long[rows];
        for (int r = 0; r < rows; r++) {
            g[r] = rowGroups[r];
        }
        if (pairIds.length < rows) {
            pairIds = new int[rows];
        }
        int next = pairs.size();
        pairs.groups(List.of(Column.ofLongs(DataType.LONG, g, null, rows), column), rows, true, pairIds);
        for (int r = 0; r < rows; r++) {
            if (pairIds[r] == next) {
                next++;
                if (!column.isNull(r)) {
                    counts[rowGroups[r]]++;
                }
            }
        }
    }

    @Override
    Column result(int groups) {
        counts = grow(counts, groups);
        return Column.ofLongs(DataType.LONG, Arrays.copyOf(counts, groups), null, groups);
    }
}
