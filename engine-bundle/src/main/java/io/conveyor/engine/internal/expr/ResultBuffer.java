package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;

/**
 * A column being assembled row by row from other columns of the same type, for the nodes that
 * pick each row's value from one of several inputs ({@code case}, {@code coalesce}). Rows never
 * set are null.
 */
final class ResultBuffer {
    private final DataType type;
    private final int size;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] bools;
    private final Object[] objects;
    private final boolean[] nulls;

    ResultBuffer(DataType type, int size) {
        this.type = type;
        this.size = size;
        longs = type.isLongBacked() ? new long[size] : null;
        doubles = type == DataType.DOUBLE ? new double[size] : null;
        bools = type == DataType.BOOL ? new boolean[size] : null;
        objects = type == DataType.STRING || type == DataType.JSON ? new Object[size] : null;
        nulls = new boolean[size];
        java.util.Arrays.fill(nulls, true);
    }

    /** Copies row {@code row} of {@code from} (of this buffer's type) into the same row. */
    void copy(Column from, int row) {
        if (from.isNull(row)) {
            nulls[row] = true;
            if (objects != null) {
                objects[row] = null;
            }
            return;
        }
        nulls[row] = false;
        if (longs != null) {
            longs[row] = from.longData()[row];
        } else if (doubles != null) {
            doubles[row] = from.doubleData()[row];
        } else if (bools != null) {
            bools[row] = from.boolData()[row];
        } else {
            objects[row] = from.objectData()[row];
        }
    }

    /** @return true if the row holds no value yet (or a null) */
    boolean isNull(int row) {
        return nulls[row];
    }

    Column build() {
        return switch (type) {
            case LONG, TIMESTAMP, DATE -> Column.ofLongs(type, longs, nulls, size);
            case DOUBLE -> Column.ofDoubles(doubles, nulls, size);
            case BOOL -> Column.ofBools(bools, nulls, size);
            default -> Column.ofObjects(type, objects, size);
        };
    }
}
