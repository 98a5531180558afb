package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;

/** Null masks and row selections over column vectors. */
final class Masks {
    private Masks() {
    }

    /** @return the null mask of any column (objects included), or null when it has no nulls */
    static boolean[] nullsOf(Column c) {
        boolean[] m = c.nullMask();
        if (m != null) {
            return m;
        }
        Object[] o = c.objectData();
        if (o == null) {
            return null;
        }
        boolean[] out = null;
        int n = c.size();
        for (int i = 0; i < n; i++) {
            if (o[i] == null) {
                if (out == null) {
                    out = new boolean[n];
                }
                out[i] = true;
            }
        }
        return out;
    }

    /** @return the union of two null masks (either may be null for none), as a new array or null */
    static boolean[] union(boolean[] a, boolean[] b, int n) {
        if (a == null && b == null) {
            return null;
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = (a != null && a[i]) || (b != null && b[i]);
        }
        return out;
    }

    /**
     * @param nulls a null mask being built, or null while no row is null
     * @param i the row that is null
     * @param n the number of rows
     * @return the mask with row {@code i} marked, allocated at the first null
     */
    static boolean[] mark(boolean[] nulls, int i, int n) {
        boolean[] out = nulls == null ? new boolean[n] : nulls;
        out[i] = true;
        return out;
    }

    /** @return true if row {@code i} is active under {@code active} (null: every row) */
    static boolean on(boolean[] active, int i) {
        return active == null || active[i];
    }
}
