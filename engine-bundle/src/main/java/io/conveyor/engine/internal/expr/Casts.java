package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Converts values between types for {@code cast(x as type)}, the {@code to_*} functions and the
 * implicit widenings (long to double, date to timestamp). A value that does not convert ('abc'
 * as long, 1e300 as long) becomes null rather than failing the run; a double cast to long is
 * truncated toward zero; dates are midnight UTC as timestamps.
 */
final class Casts {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private Casts() {
    }

    /**
     * @param v a plain value of type {@code from}, or null
     * @param from its type
     * @param to the wanted type
     * @return the converted value, or null when it does not convert
     */
    static Object convert(Object v, DataType from, DataType to) {
        if (v == null || from == to) {
            return v;
        }
        try {
            if (v instanceof Boolean b && (to == DataType.LONG || to == DataType.DOUBLE)) {
                return to == DataType.LONG ? (Object) (b ? 1L : 0L) : (Object) (b ? 1.0 : 0.0);
            }
            if (v instanceof Double d && to == DataType.LONG) {
                return Double.isFinite(d) && Math.abs(d) < 9.2e18 ? (Object) (long) d.doubleValue() : null;
            }
            if (v instanceof LocalDate d && to == DataType.TIMESTAMP) {
                return Values.instantOfMicros(Math.multiplyExact(d.toEpochDay(), MICROS_PER_DAY));
            }
            if (v instanceof Instant i && to == DataType.DATE) {
                return LocalDate.ofInstant(i, ZoneOffset.UTC);
            }
            if (v instanceof String s && to == DataType.DATE && s.trim().length() > 10) {
                Instant i = Values.parseInstant(s.trim());
                return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
            }
            if (v instanceof String s && to == DataType.TIMESTAMP && s.trim().length() == 10) {
                return convert(LocalDate.parse(s.trim()), DataType.DATE, DataType.TIMESTAMP);
            }
            if ((v instanceof LocalDate || v instanceof Instant) && to != DataType.STRING && to != DataType.JSON) {
                return null;
            }
            Object c = Values.convert(v, to);
            if (c instanceof Instant i) {
                Values.microsOf(i);
            }
            return c;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param eval an evaluator of type {@code from}
     * @param from its type
     * @param to the wanted type
     * @return an evaluator of type {@code to}
     */
    static Eval vector(Eval eval, DataType from, DataType to) {
        if (from == DataType.LONG && to == DataType.DOUBLE) {
            return (batch, active) -> {
                Column c = eval.eval(batch, active);
                int n = c.size();
                long[] v = c.longData();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
                return Column.ofDoubles(out, c.nullMask(), n);
            };
        }
        if (from == DataType.DATE && to == DataType.TIMESTAMP) {
            return (batch, active) -> {
                Column c = eval.eval(batch, active);
                int n = c.size();
                long[] v = c.longData();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = v[i] * MICROS_PER_DAY;
                }
                return Column.ofLongs(DataType.TIMESTAMP, out, c.nullMask(), n);
            };
        }
        return (batch, active) -> {
            Column c = eval.eval(batch, active);
            int n = c.size();
            ColumnBuilder b = new ColumnBuilder(to, n);
            for (int i = 0; i < n; i++) {
                append(b, Masks.on(active, i) ? convert(c.get(i), from, to) : null);
            }
            return b.build();
        };
    }

    /** Appends a plain value of the builder's type; one that cannot be stored is null. */
    static void append(ColumnBuilder b, Object v) {
        if (v == null) {
            b.appendNull();
            return;
        }
        try {
            b.append(v);
        } catch (RuntimeException e) {
            b.appendNull();
        }
    }
}
