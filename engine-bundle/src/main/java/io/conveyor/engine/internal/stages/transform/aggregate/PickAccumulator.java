package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.transform.columns.ColumnConverter;
import io.conveyor.engine.internal.stages.transform.columns.ValueSlots;

/**
 * Aggregations that pick one value of the group, in the column's own type: {@code min} and
 * {@code max} (nulls ignored; strings by UTF-16 code units, json by its text, NaN above every
 * number), {@code first} and {@code last} (the value of the group's first or last row, null
 * included). Values are held in a primitive array of the column's type; when a source widens the
 * column (long to double, say), the held values are widened with it.
 */
final class PickAccumulator extends Accumulator {
    /** Which value to keep. */
    enum Pick { MIN, MAX, FIRST, LAST }

    private final Pick pick;
    private ValueSlots values;
    private boolean[] set = new boolean[16];

    PickAccumulator(Pick pick) {
        this.pick = pick;
    }

    @Override
    void add(int[] rowGroups, int rows, Column column, int groups) {
        if (values == null) {
            values = new ValueSlots(column.type(), groups);
        }
        DataType wide = Values.widen(values.type(), column.type());
        if (wide != values.type()) {
            values = ValueSlots.of(ColumnConverter.widen(values.toColumn(set.length), wide));
        }
        Column c = ColumnConverter.widen(column, wide);
        set = grow(set, groups);
        for (int r = 0; r < rows; r++) {
            int g = rowGroups[r];
            boolean take = switch (pick) {
                case FIRST -> !set[g];
                case LAST -> true;
                case MIN -> !c.isNull(r) && (values.isNull(g) || values.compareRow(g, c, r) < 0);
                case MAX -> !c.isNull(r) && (values.isNull(g) || values.compareRow(g, c, r) > 0);
            };
            if (take) {
                values.set(g, c, r);
                set[g] = true;
            }
        }
    }

    @Override
    Column result(int groups) {
        return values == null ? Column.nulls(DataType.STRING, groups) : values.toColumn(groups);
    }
}
