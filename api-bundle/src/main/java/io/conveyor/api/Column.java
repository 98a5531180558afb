package io.conveyor.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One typed, nullable column vector of a {@link RecordBatch}. Immutable once built.
 *
 * <p>Values live in one primitive array chosen by the type: {@code long[]} for
 * {@link DataType#LONG}, {@link DataType#TIMESTAMP} (epoch microseconds) and
 * {@link DataType#DATE} (epoch days); {@code double[]} for {@link DataType#DOUBLE};
 * {@code boolean[]} for {@link DataType#BOOL}; {@code Object[]} for {@link DataType#STRING}
 * and {@link DataType#JSON}. Primitive columns carry a null mask (absent when the column has
 * no nulls); object columns hold {@code null} elements.
 *
 * <p>The {@code *Data()} accessors return the backing arrays for vectorised code. They may be
 * longer than {@link #size()} and must never be modified.
 */
public final class Column {
    private final DataType type;
    private final int size;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] bools;
    private final Object[] objects;
    private final boolean[] nulls;

    private Column(DataType type, int size, long[] longs, double[] doubles, boolean[] bools,
                   Object[] objects, boolean[] nulls) {
        this.type = Objects.requireNonNull(type, "type");
        this.size = size;
        this.longs = longs;
        this.doubles = doubles;
        this.bools = bools;
        this.objects = objects;
        this.nulls = nulls == null || !anyTrue(nulls, size) ? null : nulls;
    }

    private static boolean anyTrue(boolean[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i]) {
                return true;
            }
        }
        return false;
    }

    private static void checkLength(int arrayLength, int size) {
        if (size < 0 || size > arrayLength) {
            throw new IllegalArgumentException("size " + size + " exceeds array length " + arrayLength);
        }
    }

    /**
     * A column of a long-backed type. The arrays are taken over, not copied.
     *
     * @param type  LONG, TIMESTAMP (epoch micros) or DATE (epoch days)
     * @param values the values
     * @param nulls  the null mask, or null for "no nulls"
     * @param size   the number of rows
     * @return the column
     */
    public static Column ofLongs(DataType type, long[] values, boolean[] nulls, int size) {
        if (!type.isLongBacked()) {
            throw new IllegalArgumentException(type + " is not stored as long");
        }
        checkLength(values.length, size);
        return new Column(type, size, values, null, null, null, nulls);
    }

    /** @param values the values (taken over)
     *  @param nulls the null mask, or null
     *  @param size the number of rows
     *  @return a DOUBLE column */
    public static Column ofDoubles(double[] values, boolean[] nulls, int size) {
        checkLength(values.length, size);
        return new Column(DataType.DOUBLE, size, null, values, null, null, nulls);
    }

    /** @param values the values (taken over)
     *  @param nulls the null mask, or null
     *  @param size the number of rows
     *  @return a BOOL column */
    public static Column ofBools(boolean[] values, boolean[] nulls, int size) {
        checkLength(values.length, size);
        return new Column(DataType.BOOL, size, null, null, values, null, nulls);
    }

    /**
     * A STRING or JSON column; {@code null} elements are nulls.
     *
     * @param type   STRING or JSON
     * @param values the values (taken over): {@code String} for STRING; Map/List/plain values for JSON
     * @param size   the number of rows
     * @return the column
     */
    public static Column ofObjects(DataType type, Object[] values, int size) {
        if (type != DataType.STRING && type != DataType.JSON) {
            throw new IllegalArgumentException(type + " is not stored as objects");
        }
        checkLength(values.length, size);
        return new Column(type, size, null, null, null, values, null);
    }

    /** @param type any type
     *  @param size number of rows
     *  @return a column of {@code size} nulls */
    public static Column nulls(DataType type, int size) {
        ColumnBuilder b = new ColumnBuilder(type, size);
        for (int i = 0; i < size; i++) {
            b.appendNull();
        }
        return b.build();
    }

    /** @return the value type */
    public DataType type() {
        return type;
    }

    /** @return the number of rows */
    public int size() {
        return size;
    }

    /** @return true if at least one row is null */
    public boolean hasNulls() {
        if (objects != null) {
            for (int i = 0; i < size; i++) {
                if (objects[i] == null) {
                    return true;
                }
            }
            return false;
        }
        return nulls != null;
    }

    /** @param row row index
     *  @return true if the value at {@code row} is null */
    public boolean isNull(int row) {
        if (objects != null) {
            return objects[row] == null;
        }
        return nulls != null && nulls[row];
    }

    /** @param row row index
     *  @return the long value (LONG, TIMESTAMP micros, DATE days); 0 for null */
    public long getLong(int row) {
        return longs[row];
    }

    /** @param row row index
     *  @return the double value of a DOUBLE column (or a LONG column, widened); 0 for null */
    public double getDouble(int row) {
        return doubles != null ? doubles[row] : longs[row];
    }

    /** @param row row index
     *  @return the value of a BOOL column; false for null */
    public boolean getBool(int row) {
        return bools[row];
    }

    /** @param row row index
     *  @return the value of a STRING column, or null */
    public String getString(int row) {
        return (String) objects[row];
    }

    /**
     * @param row row index
     * @return the value as a plain Java object ({@link DataType} lists the classes), or null
     */
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        switch (type) {
            case BOOL: return bools[row];
            case LONG: return longs[row];
            case DOUBLE: return doubles[row];
            case TIMESTAMP: return Values.instantOfMicros(longs[row]);
            case DATE: return LocalDate.ofEpochDay(longs[row]);
            default: return objects[row];
        }
    }

    /** @return the backing long array (LONG, TIMESTAMP, DATE), never to be modified; else null */
    public long[] longData() {
        return longs;
    }

    /** @return the backing double array (DOUBLE), never to be modified; else null */
    public double[] doubleData() {
        return doubles;
    }

    /** @return the backing boolean array (BOOL), never to be modified; else null */
    public boolean[] boolData() {
        return bools;
    }

    /** @return the backing object array (STRING, JSON), never to be modified; else null */
    public Object[] objectData() {
        return objects;
    }

    /** @return the null mask of a primitive column, or null when it has no nulls; never to be modified */
    public boolean[] nullMask() {
        return nulls;
    }

    /**
     * @param rows row indices, in the order wanted
     * @param count how many entries of {@code rows} to use
     * @return a new column holding the selected rows
     */
    public Column take(int[] rows, int count) {
        boolean[] n = null;
        if (nulls != null) {
            n = new boolean[count];
            for (int i = 0; i < count; i++) {
                n[i] = nulls[rows[i]];
            }
        }
        if (longs != null) {
            long[] v = new long[count];
            for (int i = 0; i < count; i++) {
                v[i] = longs[rows[i]];
            }
            return new Column(type, count, v, null, null, null, n);
        }
        if (doubles != null) {
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = doubles[rows[i]];
            }
            return new Column(type, count, null, v, null, null, n);
        }
        if (bools != null) {
            boolean[] v = new boolean[count];
            for (int i = 0; i < count; i++) {
                v[i] = bools[rows[i]];
            }
            return new Column(type, count, null, null, v, null, n);
        }
        Object[] v = new Object[count];
        for (int i = 0; i < count; i++) {
            v[i] = objects[rows[i]];
        }
        return new Column(type, count, null, null, null, v, null);
    }

    /**
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return a new column with rows {@code [from, to)}
     */
    public Column slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size);
        }
        boolean[] n = nulls == null ? null : Arrays.copyOfRange(nulls, from, to);
        int c = to - from;
        if (longs != null) {
            return new Column(type, c, Arrays.copyOfRange(longs, from, to), null, null, null, n);
        }
        if (doubles != null) {
            return new Column(type, c, null, Arrays.copyOfRange(doubles, from, to), null, null, n);
        }
        if (bools != null) {
            return new Column(type, c, null, null, Arrays.copyOfRange(bools, from, to), null, n);
        }
        return new Column(type, c, null, null, null, Arrays.copyOfRange(objects, from, to), null);
    }

    /** @param i row index
     *  @return the timestamp at {@code i} as an Instant, or null */
    public Instant getInstant(int i) {
        return isNull(i) ? null : Values.instantOfMicros(longs[i]);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.id()).append('[');
        for (int i = 0; i < Math.min(size, 10); i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        return sb.append(size > 10 ? ", ...]" : "]").toString();
    }
}
