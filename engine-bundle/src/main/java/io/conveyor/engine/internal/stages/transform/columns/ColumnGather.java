package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import java.util.List;

/**
 * Builds columns from rows of other columns, working on the primitive arrays: concatenation,
 * and a gather in which a negative row index gives a null (the unmatched side of an outer join).
 */
public final class ColumnGather {
    private ColumnGather() {
    }

    /**
     * @param type the type of every part
     * @param parts columns of that type, in order
     * @param rows the total number of rows
     * @return one column with every part's rows in order
     */
    public static Column concat(DataType type, List<Column> parts, int rows) {
        boolean anyNulls = false;
        for (Column p : parts) {
            anyNulls |= p.nullMask() != null;
        }
        boolean[] nulls = anyNulls ? new boolean[rows] : null;
        int at = 0;
        long[] longs = type.isLongBacked() ? new long[rows] : null;
        double[] doubles = type == DataType.DOUBLE ? new double[rows] : null;
        boolean[] bools = type == DataType.BOOL ? new boolean[rows] : null;
        Object[] objects = longs == null && doubles == null && bools == null ? new Object[rows] : null;
        for (Column p : parts) {
            int n = p.size();
            if (longs != null) {
                System.arraycopy(p.longData(), 0, longs, at, n);
            } else if (doubles != null) {
                System.arraycopy(p.doubleData(), 0, doubles, at, n);
            } else if (bools != null) {
                System.arraycopy(p.boolData(), 0, bools, at, n);
            } else {
                System.arraycopy(p.objectData(), 0, objects, at, n);
            }
            if (p.nullMask() != null) {
                System.arraycopy(p.nullMask(), 0, nulls, at, n);
            }
            at += n;
        }
        return build(type, longs, doubles, bools, objects, nulls, rows);
    }

    /**
     * @param column the source column
     * @param rows row indices; a negative index gives a null
     * @param count how many entries of {@code rows} to use
     * @return the gathered column
     */
    public static Column take(Column column, int[] rows, int count) {
        boolean[] src = column.nullMask();
        boolean[] nulls = null;
        for (int i = 0; i < count; i++) {
            if (rows[i] < 0 || (src != null && src[rows[i]])) {
                if (nulls == null) {
                    nulls = new boolean[count];
                }
                nulls[i] = true;
            }
        }
        DataType type = column.type();
        long[] longs = null;
        double[] doubles = null;
        boolean[] bools = null;
        Object[] objects = null;
        if (type.isLongBacked()) {
            long[] s = column.longData();
            longs = new long[count];
            for (int i = 0; i < count; i++) {
                longs[i] = rows[i] < 0 ? 0 : s[rows[i]];
            }
        } else if (type == DataType.DOUBLE) {
            double[] s = column.doubleData();
            doubles = new double[count];
            for (int i = 0; i < count; i++) {
                doubles[i] = rows[i] < 0 ? 0 : s[rows[i]];
            }
        } else if (type == DataType.BOOL) {
            boolean[] s = column.boolData();
            bools = new boolean[count];
            for (int i = 0; i < count; i++) {
                bools[i] = rows[i] >= 0 && s[rows[i]];
            }
        } else {
            Object[] s = column.objectData();
            objects = new Object[count];
            for (int i = 0; i < count; i++) {
                objects[i] = rows[i] < 0 ? null : s[rows[i]];
            }
        }
        return build(type, longs, doubles, bools, objects, nulls, count);
    }

    private static Column build(DataType type, long[] longs, double[] doubles, boolean[] bools, Object[] objects,
                                boolean[] nulls, int rows) {
        if (longs != null) {
            return Column.ofLongs(type, longs, nulls, rows);
        }
        if (doubles != null) {
            return Column.ofDoubles(doubles, nulls, rows);
        }
        if (bools != null) {
            return Column.ofBools(bools, nulls, rows);
        }
        return Column.ofObjects(type, objects, rows);
    }
}
