package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;

/**
 * {@code and}, {@code or}, {@code not} and {@code is [not] null} over bool vectors, with SQL's
 * three-valued logic: false and null is false, true or null is true, any other mix with null is
 * null. The right side of {@code and} is only computed for rows the left side leaves open
 * (true or null), and likewise for {@code or}.
 */
final class Logic {
    private Logic() {
    }

    /** @return whether row i is definitely {@code value} (not null) */
    private static boolean is(Column c, int i, boolean value) {
        return !c.isNull(i) && c.boolData()[i] == value;
    }

    /**
     * @param isAnd true for and, false for or
     * @param left a bool evaluator
     * @param right a bool evaluator
     * @return the connective
     */
    static Eval connective(boolean isAnd, Eval left, Eval right) {
        boolean decisive = !isAnd;
        return (batch, active) -> {
            Column l = left.eval(batch, active);
            int n = l.size();
            boolean[] lv = l.boolData();
            boolean[] ln = l.nullMask();
            boolean[] open = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                boolean o = Masks.on(active, i) && ((ln != null && ln[i]) || lv[i] != decisive);
                open[i] = o;
                any |= o;
            }
            if (!any) {
                return l;
            }
            Column r = right.eval(batch, open);
            boolean[] rv = r.boolData();
            boolean[] rn = r.nullMask();
            boolean[] out = new boolean[n];
            boolean[] nulls = null;
            for (int i = 0; i < n; i++) {
                if (!open[i]) {
                    out[i] = decisive;
                    continue;
                }
                boolean leftNull = ln != null && ln[i];
                boolean rightNull = rn != null && rn[i];
                if (!rightNull && rv[i] == decisive) {
                    out[i] = decisive;
                } else if (leftNull || rightNull) {
                    nulls = Masks.mark(nulls, i, n);
                } else {
                    out[i] = !decisive;
                }
            }
            return Column.ofBools(out, nulls, n);
        };
    }

    static Eval not(Eval operand) {
        return (batch, active) -> {
            Column c = operand.eval(batch, active);
            int n = c.size();
            boolean[] v = c.boolData();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = !v[i];
            }
            return Column.ofBools(out, c.nullMask(), n);
        };
    }

    static Eval isNull(Eval operand, boolean negated) {
        return (batch, active) -> {
            Column c = operand.eval(batch, active);
            int n = c.size();
            boolean[] out = new boolean[n];
            boolean[] nulls = Masks.nullsOf(c);
            for (int i = 0; i < n; i++) {
                out[i] = (nulls != null && nulls[i]) != negated;
            }
            return Column.ofBools(out, null, n);
        };
    }

    /** @return true if row i of a bool column is true (not null) */
    static boolean isTrue(Column c, int i) {
        return is(c, i, true);
    }
}
