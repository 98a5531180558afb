package io.conveyor.engine.internal.stages.transform.keys;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.transform.columns.ColumnConverter;
import io.conveyor.engine.internal.stages.transform.columns.ValueSlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers the distinct keys of rows, where a key is the values of one or more columns: the
 * first key seen is group 0, the next new one group 1, and so on, so group numbers follow
 * first appearance. Rows are hashed a whole column vector at a time on the primitive arrays;
 * a key is boxed only when it is new. Two nulls are the same key (SQL {@code GROUP BY} and
 * {@code DISTINCT}); a join, where null never matches, filters null keys itself
 * ({@link #anyNull}).
 *
 * <p>Each key column has one type. When a batch brings a wider type (a source widened a column
 * from long to double, say) the stored keys are converted and rehashed, and the batch's
 * narrower columns are widened, so {@code 1} and {@code 1.0} are one key.
 */
public final class KeyIndex {
    private static final int NULL_HASH = 0x5bd1e995;
    private ValueSlots[] columns;
    private int[] hashes = new int[64];
    private int size;
    private int[] slots = new int[128];
    private int[] rowHashes = new int[0];

    /** @param types the type of each key column, as first seen */
    public KeyIndex(List<DataType> types) {
        columns = new ValueSlots[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new ValueSlots(types.get(c), 64);
        }
    }

    /** @return the number of distinct keys */
    public int size() {
        return size;
    }

    /** @param c key column
     *  @return its current type */
    public DataType type(int c) {
        return columns[c].type();
    }

    /**
     * @param c key column
     * @return the keys of that column, one row per group in group order
     */
    public Column column(int c) {
        return columns[c].toColumn(size);
    }

    /**
     * Adds a key column, null in every key seen so far (a source added a column in a later batch).
     *
     * @param type the new column's type
     */
    public void addColumn(DataType type) {
        columns = Arrays.copyOf(columns, columns.length + 1);
        columns[columns.length - 1] = new ValueSlots(type, size);
        rehash();
    }

    /**
     * Widens the key columns to take {@code keys} and converts them to the index's types.
     *
     * @param keys one column per key column
     * @return the columns, of the index's types
     */
    public List<Column> align(List<Column> keys) {
        List<Column> out = new ArrayList<>(keys.size());
        boolean rehash = false;
        for (int c = 0; c < columns.length; c++) {
            Column k = keys.get(c);
            DataType wide = Values.widen(columns[c].type(), k.type());
            if (wide != columns[c].type()) {
                columns[c] = ValueSlots.of(ColumnConverter.widen(columns[c].toColumn(size), wide));
                rehash = true;
            }
            out.add(ColumnConverter.widen(k, wide));
        }
        if (rehash) {
            rehash();
        }
        return out;
    }

    /**
     * Finds (and with {@code insert}, adds) the group of each row.
     *
     * @param keys one column per key column (see {@link #align}; called here)
     * @param rows the number of rows
     * @param insert true to add keys not seen before
     * @param out receives each row's group, or -1 when absent and not inserted; at least {@code rows} long
     */
    public void groups(List<Column> keys, int rows, boolean insert, int[] out) {
        List<Column> aligned = align(keys);
        if (rowHashes.length < rows) {
            rowHashes = new int[rows];
        }
        int[] h = rowHashes;
        hash(aligned, rows, h);
        // The key columns' arrays, read directly where a column allows it (see sameKey).
        long[][] longKeys = new long[columns.length][];
        Object[][] stringKeys = new Object[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            Column k = aligned.get(c);
            if (k.type().isLongBacked() && k.nullMask() == null) {
                longKeys[c] = k.longData();
            } else if (k.type() == DataType.STRING) {
                stringKeys[c] = k.objectData();
            }
        }
        if (!insert && columns.length == 1 && longKeys[0] != null) {
            findLongs(longKeys[0], rows, h, out);
            return;
        }
        if (insert && allStrings(stringKeys)) {
            insertStrings(stringKeys, aligned, rows, h, out);
            return;
        }
        // One loop for finding and one for adding: a loop that may add is one the compiler
        // speculates about from the calls it has seen, and compiles again when the other kind comes.
        if (insert) {
            for (int r = 0; r < rows; r++) {
                int s = slotOf(h[r], aligned, r, longKeys, stringKeys);
                int e = slots[s];
                out[r] = e != 0 ? e - 1 : add(aligned, r, h[r], s);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                out[r] = slots[slotOf(h[r], aligned, r, longKeys, stringKeys)] - 1;
            }
        }
    }

    /**
     * Finds the group of each row by one key column of longs without nulls: a join's probe on an
     * id, where every row of the left input is looked up. The same search as {@link #slotOf},
     * with its calls (which the quick compiler does not inline: they are too large) written out.
     */
    private void findLongs(long[] keys, int rows, int[] h, int[] out) {
        int[] table = slots;
        int[] stored = hashes;
        ValueSlots column = columns[0];
        int mask = table.length - 1;
        for (int r = 0; r < rows; r++) {
            int hash = h[r];
            long key = keys[r];
            int s = hash & mask;
            int e;
            while ((e = table[s]) != 0 && (stored[e - 1] != hash || !column.sameLong(e - 1, key))) {
                s = (s + 1) & mask;
            }
            out[r] = e - 1;
        }
    }

    private static boolean allStrings(Object[][] stringKeys) {
        for (Object[] k : stringKeys) {
            if (k == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #groups} with {@code insert} for keys of text columns only (a group-by on a country
     * and a category): the search of {@link #slotOf} with the comparison written out, on the
     * stored keys' arrays. The quick compiler does not inline the calls of the general loop
     * (they are too large), and a text key is mostly the very String stored, which one reference
     * comparison settles (a source shares one String per repeated value).
     */
    private void insertStrings(Object[][] keys, List<Column> aligned, int rows, int[] h, int[] out) {
        int width = keys.length;
        Object[][] stored = new Object[width][];
        for (int c = 0; c < width; c++) {
            stored[c] = columns[c].objectSlots();
        }
        for (int r = 0; r < rows; r++) {
            int hash = h[r];
            int mask = slots.length - 1;
            int s = hash & mask;
            int e;
            while ((e = slots[s]) != 0) {
                int g = e - 1;
                if (hashes[g] == hash) {
                    int c = 0;
                    while (c < width) {
                        Object k = keys[c][r];
                        Object v = stored[c][g];
                        if (k != v && (k == null || v == null || !k.equals(v))) {
                            break;
                        }
                        c++;
                    }
                    if (c == width) {
                        break;
                    }
                }
                s = (s + 1) & mask;
            }
            if (e != 0) {
                out[r] = e - 1;
            } else {
                out[r] = add(aligned, r, hash, s);
                for (int c = 0; c < width; c++) {
                    // The stored keys' arrays grow as groups are added.
                    stored[c] = columns[c].objectSlots();
                }
            }
        }
    }

    /** @return the slot that holds row {@code r}'s key, or the empty slot where it would go */
    private int slotOf(int hash, List<Column> keys, int r, long[][] longKeys, Object[][] stringKeys) {
        int mask = slots.length - 1;
        int s = hash & mask;
        while (true) {
            int e = slots[s];
            if (e == 0 || (hashes[e - 1] == hash && sameKey(e - 1, keys, r, longKeys, stringKeys))) {
                return s;
            }
            s = (s + 1) & mask;
        }
    }

    /**
     * @param keys key columns
     * @param rows number of rows
     * @return per row, true when a key column is null there
     */
    public static boolean[] anyNull(List<Column> keys, int rows) {
        boolean[] out = new boolean[rows];
        for (Column k : keys) {
            if (k.hasNulls()) {
                for (int r = 0; r < rows; r++) {
                    out[r] |= k.isNull(r);
                }
            }
        }
        return out;
    }

    private boolean sameKey(int g, List<Column> keys, int r, long[][] longKeys, Object[][] stringKeys) {
        for (int c = 0; c < columns.length; c++) {
            boolean same;
            if (longKeys[c] != null) {
                same = columns[c].sameLong(g, longKeys[c][r]);
            } else if (stringKeys[c] != null) {
                same = columns[c].sameString(g, stringKeys[c][r]);
            } else {
                same = columns[c].sameKey(g, keys.get(c), r);
            }
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private int add(List<Column> keys, int r, int hash, int slot) {
        int g = size++;
        if (g == hashes.length) {
            hashes = Arrays.copyOf(hashes, g * 2);
        }
        hashes[g] = hash;
        for (int c = 0; c < columns.length; c++) {
            columns[c].set(g, keys.get(c), r);
        }
        slots[slot] = g + 1;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 2];
            place();
        }
        return g;
    }

    private void rehash() {
        List<Column> stored = new ArrayList<>(columns.length);
        for (ValueSlots k : columns) {
            stored.add(k.toColumn(size));
        }
        hash(stored, size, hashes);
        Arrays.fill(slots, 0);
        place();
    }

    private void place() {
        int mask = slots.length - 1;
        for (int g = 0; g < size; g++) {
            int s = hashes[g] & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = g + 1;
        }
    }

    /** Hashes rows column by column; the final mix spreads the bits so the low ones index the table. */
    private static void hash(List<Column> keys, int rows, int[] h) {
        Arrays.fill(h, 0, rows, 0);
        for (Column k : keys) {
            boolean[] nulls = k.nullMask();
            switch (k.type()) {
                case LONG: case TIMESTAMP: case DATE: {
                    long[] v = k.longData();
                    for (int r = 0; r < rows; r++) {
                        h[r] = h[r] * 31 + (nulls != null && nulls[r] ? NULL_HASH : Long.hashCode(v[r]));
                    }
                    break;
                }
                case DOUBLE: {
                    double[] v = k.doubleData();
                    for (int r = 0; r < rows; r++) {
                        h[r] = h[r] * 31 + (nulls != null && nulls[r] ? NULL_HASH : Double.hashCode(v[r] + 0.0));
                    }
                    break;
                }
                case BOOL: {
                    boolean[] v = k.boolData();
                    for (int r = 0; r < rows; r++) {
                        h[r] = h[r] * 31 + (nulls != null && nulls[r] ? NULL_HASH : Boolean.hashCode(v[r]));
                    }
                    break;
                }
                case STRING: {
                    Object[] v = k.objectData();
                    for (int r = 0; r < rows; r++) {
                        h[r] = h[r] * 31 + (v[r] == null ? NULL_HASH : v[r].hashCode());
                    }
                    break;
                }
                default: {
                    Object[] v = k.objectData();
                    for (int r = 0; r < rows; r++) {
                        h[r] = h[r] * 31 + (v[r] == null ? NULL_HASH : Values.toText(v[r]).hashCode());
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int x = h[r] * 0x9E3779B9;
            h[r] = x ^ (x >>> 15);
        }
    }
}
