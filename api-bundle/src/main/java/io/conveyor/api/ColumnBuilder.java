package io.conveyor.api;

import java.util.Arrays;

/**
 * Builds a {@link Column} by appending values. Not thread-safe; {@link #build()} may be
 * called once.
 */
public final class ColumnBuilder {
    private final DataType type;
    private int size;
    private long[] longs;
    private double[] doubles;
    private boolean[] bools;
    private Object[] objects;
    private boolean[] nulls;

    /**
     * @param type the column type
     * @param capacity the expected number of rows (grows as needed)
     */
    public ColumnBuilder(DataType type, int capacity) {
        this.type = type;
        int cap = Math.max(capacity, 4);
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: longs = new long[cap]; break;
            case DOUBLE: doubles = new double[cap]; break;
            case BOOL: bools = new boolean[cap]; break;
            default: objects = new Object[cap];
        }
    }

    /** @return the column type */
    public DataType type() {
        return type;
    }

    /** @return the number of values appended so far */
    public int size() {
        return size;
    }

    private void grow() {
        int cap = capacity();
        if (size < cap) {
            return;
        }
        int n = cap * 2;
        if (longs != null) {
            longs = Arrays.copyOf(longs, n);
        } else if (doubles != null) {
            doubles = Arrays.copyOf(doubles, n);
        } else if (bools != null) {
            bools = Arrays.copyOf(bools, n);
        } else {
            objects = Arrays.copyOf(objects, n);
        }
        if (nulls != null) {
            nulls = Arrays.copyOf(nulls, n);
        }
    }

    private int capacity() {
        if (longs != null) {
            return longs.length;
        }
        if (doubles != null) {
            return doubles.length;
        }
        if (bools != null) {
            return bools.length;
        }
        return objects.length;
    }

    /** Appends a null. */
    public void appendNull() {
        grow();
        if (objects == null) {
            if (nulls == null) {
                nulls = new boolean[capacity()];
            }
            nulls[size] = true;
        }
        size++;
    }

    /** @param v a value for LONG, TIMESTAMP (micros) or DATE (days) */
    public void appendLong(long v) {
        grow();
        longs[size++] = v;
    }

    /** @param v a value for DOUBLE */
    public void appendDouble(double v) {
        grow();
        doubles[size++] = v;
    }

    /** @param v a value for BOOL */
    public void appendBool(boolean v) {
        grow();
        bools[size++] = v;
    }

    /** @param v a String (STRING) or plain nested value (JSON); null appends a null */
    public void appendObject(Object v) {
        grow();
        objects[size++] = v;
    }

    /**
     * Appends a plain Java value, converting it to the column type with {@link Values#convert}.
     *
     * @param v the value, or null
     * @throws IllegalArgumentException if the value cannot be represented in this type
     */
    public void append(Object v) {
        Object c = Values.convert(v, type);
        if (c == null) {
            appendNull();
            return;
        }
        switch (type) {
            case LONG: appendLong((Long) c); break;
            case TIMESTAMP: appendLong(Values.microsOf((java.time.Instant) c)); break;
            case DATE: appendLong(((java.time.LocalDate) c).toEpochDay()); break;
            case DOUBLE: appendDouble((Double) c); break;
            case BOOL: appendBool((Boolean) c); break;
            default: appendObject(c);
        }
    }

    /**
     * Appends row {@code row} of {@code source}, which must have the same type.
     *
     * @param source a column of the same type
     * @param row the row to copy
     */
    public void appendFrom(Column source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: appendLong(source.getLong(row)); break;
            case DOUBLE: appendDouble(source.getDouble(row)); break;
            case BOOL: appendBool(source.getBool(row)); break;
            default: appendObject(source.objectData()[row]);
        }
    }

    /** @return the built column; the builder must not be used afterwards */
    public Column build() {
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: return Column.ofLongs(type, longs, nulls, size);
            case DOUBLE: return Column.ofDoubles(doubles, nulls, size);
            case BOOL: return Column.ofBools(bools, nulls, size);
            default: return Column.ofObjects(type, objects, size);
        }
    }
}
