package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;

/**
 * {@code + - * / %} and unary minus over long or double vectors (both sides already of one
 * type). {@code /} always divides as doubles ({@code 7 / 2} is 3.5); {@code %} of longs is a
 * long. Dividing by zero gives null, and so does long arithmetic that overflows (rather than a
 * wrapped, wrong number).
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /**
     * @param op one of + - * / %
     * @param type LONG or DOUBLE, the type of both operands ({@code /} gets DOUBLE operands)
     * @param left an evaluator
     * @param right an evaluator
     * @return the operation
     */
    static Eval of(char op, DataType type, Eval left, Eval right) {
        if (type == DataType.LONG) {
            return (batch, active) -> longs(op, left.eval(batch, active), right.eval(batch, active));
        }
        return (batch, active) -> doubles(op, left.eval(batch, active), right.eval(batch, active));
    }

    private static Column longs(char op, Column a, Column b) {
        int n = a.size();
        long[] x = a.longData();
        long[] y = b.longData();
        long[] out = new long[n];
        boolean[] nulls = Masks.union(a.nullMask(), b.nullMask(), n);
        switch (op) {
            case '+' -> {
                for (int i = 0; i < n; i++) {
                    long r = x[i] + y[i];
                    out[i] = r;
                    if (((x[i] ^ r) & (y[i] ^ r)) < 0) {
                        nulls = Masks.mark(nulls, i, n);
                    }
                }
            }
            case '-' -> {
                for (int i = 0; i < n; i++) {
                    long r = x[i] - y[i];
                    out[i] = r;
                    if (((x[i] ^ y[i]) & (x[i] ^ r)) < 0) {
                        nulls = Masks.mark(nulls, i, n);
                    }
                }
            }
            case '*' -> {
                for (int i = 0; i < n; i++) {
                    long r = x[i] * y[i];
                    out[i] = r;
                    long high = Math.multiplyHigh(x[i], y[i]);
                    if (high != (r >> 63)) {
                        nulls = Masks.mark(nulls, i, n);
                    }
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) {
                        nulls = Masks.mark(nulls, i, n);
                    } else {
                        out[i] = x[i] % y[i];
                    }
                }
            }
        }
        return Column.ofLongs(DataType.LONG, out, nulls, n);
    }

    private static Column doubles(char op, Column a, Column b) {
        int n = a.size();
        double[] x = a.doubleData();
        double[] y = b.doubleData();
        double[] out = new double[n];
        boolean[] nulls = Masks.union(a.nullMask(), b.nullMask(), n);
        switch (op) {
            case '+' -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] + y[i];
                }
            }
            case '-' -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] - y[i];
                }
            }
            case '*' -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * y[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) {
                        nulls = Masks.mark(nulls, i, n);
                    } else {
                        out[i] = op == '/' ? x[i] / y[i] : x[i] % y[i];
                    }
                }
            }
        }
        return Column.ofDoubles(out, nulls, n);
    }

    static Eval negate(DataType type, Eval operand) {
        return (batch, active) -> {
            Column c = operand.eval(batch, active);
            int n = c.size();
            if (type == DataType.LONG) {
                long[] v = c.longData();
                long[] out = new long[n];
                boolean[] nulls = c.nullMask() == null ? null : c.nullMask().clone();
                for (int i = 0; i < n; i++) {
                    out[i] = -v[i];
                    if (v[i] == Long.MIN_VALUE) {
                        nulls = Masks.mark(nulls, i, n);
                    }
                }
                return Column.ofLongs(DataType.LONG, out, nulls, n);
            }
            double[] v = c.doubleData();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = -v[i];
            }
            return Column.ofDoubles(out, c.nullMask(), n);
        };
    }
}
