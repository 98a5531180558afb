package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import java.util.Arrays;

/**
 * Numbered slots holding one value each of one type, in the primitive array that type uses
 * (as a {@link Column} does), growing as slots are written: the per-group state of an
 * aggregation, the stored keys of a hash table. A slot never written is null.
 */
public final class ValueSlots {
    private final DataType type;
    private long[] longs;
    private double[] doubles;
    private boolean[] bools;
    private Object[] objects;
    private boolean[] nulls;

    /**
     * @param type the type of the values
     * @param capacity the slots to allocate at first
     */
    public ValueSlots(DataType type, int capacity) {
        this.type = type;
        int n = Math.max(capacity, 16);
        nulls = new boolean[n];
        Arrays.fill(nulls, true);
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: longs = new long[n]; break;
            case DOUBLE: doubles = new double[n]; break;
            case BOOL: bools = new boolean[n]; break;
            default: objects = new Object[n];
        }
    }

    /**
     * @param column a column
     * @return slots holding its rows, slot i for row i
     */
    public static ValueSlots of(Column column) {
        ValueSlots s = new ValueSlots(column.type(), column.size());
        for (int r = 0; r < column.size(); r++) {
            s.set(r, column, r);
        }
        return s;
    }

    /**
     * @return the slots of a column of objects (strings, json) as they are now, null in a slot
     *         never written or holding null; written slots are never changed, but a later write
     *         may move them to a larger array
     */
    public Object[] objectSlots() {
        return objects;
    }

    /** @return the type of the values */
    public DataType type() {
        return type;
    }

    /**
     * @param slot the slot to write
     * @param column a column of this type
     * @param row the row of {@code column} whose value (or null) to store
     */
    public void set(int slot, Column column, int row) {
        if (slot >= nulls.length) {
            grow(Math.max(slot + 1, nulls.length * 2));
        }
        nulls[slot] = column.isNull(row);
        if (nulls[slot]) {
            return;
        }
        if (longs != null) {
            longs[slot] = column.getLong(row);
        } else if (doubles != null) {
            doubles[slot] = column.getDouble(row);
        } else if (bools != null) {
            bools[slot] = column.getBool(row);
        } else {
            objects[slot] = column.objectData()[row];
        }
    }

    private void grow(int n) {
        int old = nulls.length;
        nulls = Arrays.copyOf(nulls, n);
        Arrays.fill(nulls, old, n, true);
        if (longs != null) {
            longs = Arrays.copyOf(longs, n);
        } else if (doubles != null) {
            doubles = Arrays.copyOf(doubles, n);
        } else if (bools != null) {
            bools = Arrays.copyOf(bools, n);
        } else {
            objects = Arrays.copyOf(objects, n);
        }
    }

    /** @param slot a slot
     *  @return true if it holds null (or was never written) */
    public boolean isNull(int slot) {
        return slot >= nulls.length || nulls[slot];
    }

    /**
     * Compares a slot's value with a row's, both non-null and of this type: longs, doubles
     * ({@link Double#compare}) and bools by value, strings by UTF-16 code units, json by its text.
     *
     * @param slot a non-null slot
     * @param column a column of this type
     * @param row a non-null row
     * @return negative, zero or positive as the row's value is below, equal to or above the slot's
     */
    public int compareRow(int slot, Column column, int row) {
        if (longs != null) {
            return Long.compare(column.getLong(row), longs[slot]);
        }
        if (doubles != null) {
            return Double.compare(column.getDouble(row), doubles[slot]);
        }
        if (bools != null) {
            return Boolean.compare(column.getBool(row), bools[slot]);
        }
        if (type == DataType.STRING) {
            return column.getString(row).compareTo((String) objects[slot]);
        }
        return io.conveyor.api.Values.toText(column.objectData()[row])
                .compareTo(io.conveyor.api.Values.toText(objects[slot]));
    }

    /**
     * Equality as a key: nulls are equal to each other, NaN to NaN, json by its text.
     *
     * @param slot a slot
     * @param column a column of this type
     * @param row a row
     * @return true if the slot and the row hold the same key
     */
    /**
     * {@link #sameKey} for a long-backed column's non-null value, without the column.
     *
     * @param slot a slot
     * @param value the row's value
     * @return true if the slot holds that value
     */
    public boolean sameLong(int slot, long value) {
        return !nulls[slot] && longs[slot] == value;
    }

    /**
     * {@link #sameKey} for a string column's value, without the column.
     *
     * @param slot a slot
     * @param value the row's value, or null
     * @return true if the slot holds that value (or both are null)
     */
    public boolean sameString(int slot, Object value) {
        if (value == null || nulls[slot]) {
            return value == null && nulls[slot];
        }
        Object stored = objects[slot];
        return stored == value || stored.equals(value);
    }

    public boolean sameKey(int slot, Column column, int row) {
        boolean rowNull = column.isNull(row);
        if (isNull(slot) || rowNull) {
            return isNull(slot) && rowNull;
        }
        if (doubles != null) {
            double a = doubles[slot];
            double b = column.getDouble(row);
            return a == b || (a != a && b != b);
        }
        if (type == DataType.STRING) {
            return objects[slot].equals(column.objectData()[row]);
        }
        return compareRow(slot, column, row) == 0;
    }

    /**
     * @param size the number of slots to take
     * @return slots {@code [0, size)} as a column
     */
    public Column toColumn(int size) {
        if (size > nulls.length) {
            grow(size);
        }
        boolean[] n = Arrays.copyOf(nulls, size);
        if (longs != null) {
            return Column.ofLongs(type, Arrays.copyOf(longs, size), n, size);
        }
        if (doubles != null) {
            return Column.ofDoubles(Arrays.copyOf(doubles, size), n, size);
        }
        if (bools != null) {
            return Column.ofBools(Arrays.copyOf(bools, size), n, size);
        }
        Object[] o = Arrays.copyOf(objects, size);
        for (int i = 0; i < size; i++) {
            o[i] = n[i] ? null : o[i];
        }
        return Column.ofObjects(type, o, size);
    }
}
