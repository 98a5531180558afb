package io.conveyor.engine.internal.stages.transform.sort;

import io.conveyor.api.Column;
import io.conveyor.api.Values;

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
