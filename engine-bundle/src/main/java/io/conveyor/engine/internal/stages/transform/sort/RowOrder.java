package io.conveyor.engine.internal.stages.transform.sort;

import io.conveyor.api.Column;
import io.conveyor.api.Values;
import java.util.Arrays;

/**
 * The order of the rows of one batch by its sort keys, compared on the columns' primitive
 * arrays. Nulls go first or last whatever the direction; doubles compare as
 * {@link Double#compare} (NaN after every number); strings by UTF-16 code units; json by its
 * canonical text.
 */
final class RowOrder implements IndexSort.RowComparator {
    private final Key[] keys;

    /**
     * @param columns the key columns, most significant first
     * @param descending per key
     * @param nullsFirst true to put nulls before values
     */
    RowOrder(Column[] columns, boolean[] descending, boolean nullsFirst) {
        keys = new Key[columns.length];
        for (int k = 0; k < columns.length; k++) {
            keys[k] = key(columns[k], descending[k] ? -1 : 1, nullsFirst ? -1 : 1);
        }
    }

    /**
     * Sorts the rows of the key columns. When the first key is a number, bool, date or timestamp,
     * its values are encoded as longs whose signed order is the wanted order (a double's bits
     * with the sign folded, complemented for descending) and sorted along with the row indices;
     * rows with a null first key are set apart and placed first or last.
     *
     * @param columns the key columns, most significant first
     * @param descending per key
     * @param nullsFirst true to put nulls before values
     * @param n the number of rows
     * @return the rows in order
     */
    static int[] order(Column[] columns, boolean[] descending, boolean nullsFirst, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Column first = columns[0];
        if (first.objectData() != null) {
            IndexSort.sort(rows, n, new RowOrder(columns, descending, nullsFirst));
            return rows;
        }
        RowOrder ties = columns.length == 1 ? null : new RowOrder(Arrays.copyOfRange(columns, 1, columns.length),
                Arrays.copyOfRange(descending, 1, descending.length), nullsFirst);
        boolean[] nulls = first.nullMask();
        int[] nullRows = new int[0];
        int m = n;
        if (nulls != null) {
            int k = 0;
            m = 0;
            nullRows = new int[n];
            for (int r = 0; r < n; r++) {
                if (nulls[r]) {
                    nullRows[k++] = r;
                } else {
                    rows[m++] = r;
                }
            }
            nullRows = Arrays.copyOf(nullRows, k);
            if (ties != null) {
                IndexSort.sort(nullRows, k, ties);
            }
        }
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            keys[i] = encoded(first, rows[i], descending[0]);
        }
        IndexSort.sortByKey(rows, keys, m, ties);
        if (nullRows.length > 0) {
            int[] out = new int[n];
            System.arraycopy(nullsFirst ? nullRows : rows, 0, out, 0, nullsFirst ? nullRows.length : m);
            System.arraycopy(nullsFirst ? rows : nullRows, 0, out, nullsFirst ? nullRows.length : m,
                    nullsFirst ? m : nullRows.length);
            return out;
        }
        return rows;
    }

    /**
     * @param c a number, bool, date or timestamp column
     * @param row a row where it is not null
     * @param descending the key's direction
     * @return the value as a long whose signed order is the key's order (a double's bits with
     *         the sign folded, so that -0.0 &lt; 0.0 and NaN comes last as {@link Double#compare} has it)
     */
    static long encoded(Column c, int row, boolean descending) {
        long v;
        long[] l = c.longData();
        double[] d = c.doubleData();
        if (l != null) {
            v = l[row];
        } else if (d != null) {
            long bits = Double.doubleToLongBits(d[row]);
            v = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        } else {
            v = c.boolData()[row] ? 1 : 0;
        }
        return descending ? ~v : v;
    }

    @Override
    public int compare(int a, int b) {
        for (Key k : keys) {
            int c = k.compare(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One key: compares two rows, nulls placed by {@code nullOrder}, values ordered by {@code dir}. */
    private abstract static class Key {
        final boolean[] nulls;
        final int dir;
        final int nullOrder;

        Key(boolean[] nulls, int dir, int nullOrder) {
            this.nulls = nulls;
            this.dir = dir;
            this.nullOrder = nullOrder;
        }

        final int compare(int a, int b) {
            if (nulls != null && (nulls[a] || nulls[b])) {
                return nulls[a] == nulls[b] ? 0 : nulls[a] ? nullOrder : -nullOrder;
            }
            return dir * values(a, b);
        }

        abstract int values(int a, int b);
    }

    private static Key key(Column c, int dir, int nullOrder) {
        switch (c.type()) {
            case LONG: case TIMESTAMP: case DATE: {
                long[] v = c.longData();
                return new Key(c.nullMask(), dir, nullOrder) {
                    @Override
                    int values(int a, int b) {
                        return Long.compare(v[a], v[b]);
                    }
                };
            }
            case DOUBLE: {
                double[] v = c.doubleData();
                return new Key(c.nullMask(), dir, nullOrder) {
                    @Override
                    int values(int a, int b) {
                        return Double.compare(v[a], v[b]);
                    }
                };
            }
            case BOOL: {
                boolean[] v = c.boolData();
                return new Key(c.nullMask(), dir, nullOrder) {
                    @Override
                    int values(int a, int b) {
                        return Boolean.compare(v[a], v[b]);
                    }
                };
            }
            default: {
                Object[] o = c.objectData();
                boolean[] nulls = new boolean[c.size()];
                String[] text = new String[c.size()];
                for (int i = 0; i < text.length; i++) {
                    nulls[i] = o[i] == null;
                    text[i] = o[i] == null ? null : Values.toText(o[i]);
                }
                return new Key(nulls, dir, nullOrder) {
                    @Override
                    int values(int a, int b) {
                        return text[a].compareTo(text[b]);
                    }
                };
            }
        }
    }
}
