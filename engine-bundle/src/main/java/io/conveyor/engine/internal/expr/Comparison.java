package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The comparison operators over two vectors of one type, giving a bool vector that is null
 * where either side is null. A column against a constant runs as a tight loop over the
 * primitive array.
 */
final class Comparison {
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int LE = 3;
    static final int GT = 4;
    static final int GE = 5;

    private Comparison() {
    }

    /** @param op = != &lt; &lt;= &gt; &gt;=
     *  @return its code */
    static int code(String op) {
        return switch (op) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            default -> GE;
        };
    }

    /** @return the code of the operator with its sides swapped ({@code 3 < x} is {@code x > 3}) */
    static int flip(int code) {
        return switch (code) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> code;
        };
    }

    static boolean test(int code, int c) {
        return switch (code) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    /**
     * @param code the operator
     * @param left a side
     * @param right the other side, of the same type as {@code left}
     * @return the comparison
     */
    static Eval of(int code, Bound left, Bound right) {
        DataType t = left.type();
        if (left.constant() != null && right.constant() == null) {
            return of(flip(code), right, left);
        }
        if (right.constant() != null && t.isLongBacked()) {
            long x = longOf(right.constant());
            Eval l = left.eval();
            return (batch, active) -> longScalar(code, l.eval(batch, active), x);
        }
        if (right.constant() != null && t == DataType.STRING) {
            return stringScalar(code, left, (String) right.constant());
        }
        if (right.constant() != null && t == DataType.DOUBLE) {
            double x = (Double) right.constant();
            Eval l = left.eval();
            return (batch, active) -> doubleScalar(code, l.eval(batch, active), x);
        }
        Eval l = left.eval();
        Eval r = right.eval();
        return (batch, active) -> columns(code, l.eval(batch, active), r.eval(batch, active), active);
    }

    static long longOf(Object v) {
        if (v instanceof LocalDate d) {
            return d.toEpochDay();
        }
        if (v instanceof Instant i) {
            return io.conveyor.api.Values.microsOf(i);
        }
        return (Long) v;
    }

    private static Column longScalar(int code, Column c, long x) {
        int n = c.size();
        long[] v = c.longData();
        boolean[] out = new boolean[n];
        switch (code) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] == x;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] != x;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] < x;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] <= x;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] > x;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] >= x;
                }
            }
        }
        return Column.ofBools(out, c.nullMask(), n);
    }

    private static Column doubleScalar(int code, Column c, double x) {
        int n = c.size();
        double[] v = c.doubleData();
        boolean[] out = new boolean[n];
        switch (code) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] == x;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] != x;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] < x;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] <= x;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] > x;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] >= x;
                }
            }
        }
        return Column.ofBools(out, c.nullMask(), n);
    }

    /** IEEE comparison, as the constant loops do: NaN equals nothing and orders with nothing. */
    private static boolean doubles(int code, double p, double q) {
        return switch (code) {
            case EQ -> p == q;
            case NE -> p != q;
            case LT -> p < q;
            case LE -> p <= q;
            case GT -> p > q;
            default -> p >= q;
        };
    }

    private static Column columns(int code, Column a, Column b, boolean[] active) {
        int n = a.size();
        boolean[] out = new boolean[n];
        boolean[] nulls = Masks.union(Masks.nullsOf(a), Masks.nullsOf(b), n);
        DataType t = a.type();
        if (t.isLongBacked()) {
            long[] x = a.longData();
            long[] y = b.longData();
            for (int i = 0; i < n; i++) {
                out[i] = test(code, Long.compare(x[i], y[i]));
            }
        } else if (t == DataType.DOUBLE) {
            double[] x = a.doubleData();
            double[] y = b.doubleData();
            for (int i = 0; i < n; i++) {
                out[i] = doubles(code, x[i], y[i]);
            }
        } else if (t == DataType.BOOL) {
            boolean[] x = a.boolData();
            boolean[] y = b.boolData();
            for (int i = 0; i < n; i++) {
                out[i] = test(code, Boolean.compare(x[i], y[i]));
            }
        } else {
            Object[] x = a.objectData();
            Object[] y = b.objectData();
            for (int i = 0; i < n; i++) {
                if (x[i] != null && y[i] != null && Masks.on(active, i)) {
                    out[i] = test(code, ((String) x[i]).compareTo((String) y[i]));
                }
            }
        }
        return Column.ofBools(out, nulls, n);
    }

    /** The string-constant case, kept apart because it is the common filter on text. */
    static Eval stringScalar(int code, Bound column, String x) {
        Eval e = column.eval();
        return (batch, active) -> {
            Column c = e.eval(batch, active);
            int n = c.size();
            Object[] v = c.objectData();
            boolean[] out = new boolean[n];
            boolean[] nulls = null;
            for (int i = 0; i < n; i++) {
                Object s = v[i];
                if (s == null) {
                    nulls = Masks.mark(nulls, i, n);
                } else if (Masks.on(active, i)) {
                    out[i] = code == EQ ? s.equals(x) : code == NE ? !s.equals(x)
                            : test(code, ((String) s).compareTo(x));
                }
            }
            return Column.ofBools(out, nulls, n);
        };
    }
}
