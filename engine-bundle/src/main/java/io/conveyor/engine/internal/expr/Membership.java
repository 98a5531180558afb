package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code x in (constants)} as a probe of a prepared set: a sorted {@code long[]} for long-backed
 * types, a sorted {@code double[]} for doubles, a hash set otherwise. With SQL's rule for
 * nulls: a null x is null, and an x found nowhere is null (not false) when the list holds a
 * null.
 */
final class Membership {
    private Membership() {
    }

    /**
     * @param operand the tested value
     * @param values the plain constants, converted to the operand's type (null for a null literal)
     * @param negated true for {@code not in}
     * @return the test
     */
    static Eval of(Bound operand, List<Object> values, boolean negated) {
        boolean listHasNull = values.contains(null);
        DataType t = operand.type();
        Eval e = operand.eval();
        if (t.isLongBacked()) {
            long[] set = values.stream().filter(v -> v != null).mapToLong(Comparison::longOf).sorted().distinct()
                    .toArray();
            return (batch, active) -> {
                Column c = e.eval(batch, active);
                long[] v = c.longData();
                boolean[] found = new boolean[c.size()];
                for (int i = 0; i < found.length; i++) {
                    found[i] = contains(set, v[i]);
                }
                return result(found, c.nullMask(), listHasNull, negated);
            };
        }
        if (t == DataType.DOUBLE) {
            // Probed the way = compares: -0.0 is 0.0, and NaN is in no list.
            double[] set = values.stream().filter(v -> v != null).mapToDouble(v -> (Double) v)
                    .filter(d -> !Double.isNaN(d)).map(d -> d == 0 ? 0.0 : d).sorted().toArray();
            return (batch, active) -> {
                Column c = e.eval(batch, active);
                double[] v = c.doubleData();
                boolean[] found = new boolean[c.size()];
                for (int i = 0; i < found.length; i++) {
                    double d = v[i];
                    found[i] = d == d && Arrays.binarySearch(set, d == 0 ? 0.0 : d) >= 0;
                }
                return result(found, c.nullMask(), listHasNull, negated);
            };
        }
        Set<Object> set = new HashSet<>(values);
        set.remove(null);
        if (t == DataType.STRING) {
            return (batch, active) -> {
                Column c = e.eval(batch, active);
                Object[] v = c.objectData();
                int n = c.size();
                boolean[] found = new boolean[n];
                boolean[] nulls = null;
                for (int i = 0; i < n; i++) {
                    Object s = v[i];
                    if (s == null) {
                        nulls = Masks.mark(nulls, i, n);
                    } else if (active == null || active[i]) {
                        found[i] = set.contains(s);
                    }
                }
                return result(found, nulls, listHasNull, negated);
            };
        }
        return (batch, active) -> {
            Column c = e.eval(batch, active);
            int n = c.size();
            boolean[] found = new boolean[n];
            boolean[] nulls = null;
            for (int i = 0; i < n; i++) {
                if (c.isNull(i)) {
                    nulls = Masks.mark(nulls, i, n);
                } else if (Masks.on(active, i)) {
                    found[i] = set.contains(c.get(i));
                }
            }
            return result(found, nulls, listHasNull, negated);
        };
    }

    private static boolean contains(long[] set, long x) {
        if (set.length <= 8) {
            for (long s : set) {
                if (s == x) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(set, x) >= 0;
    }

    private static Column result(boolean[] found, boolean[] operandNulls, boolean listHasNull, boolean negated) {
        int n = found.length;
        boolean[] nulls = operandNulls;
        if (listHasNull) {
            nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = (operandNulls != null && operandNulls[i]) || !found[i];
            }
        }
        if (negated) {
            for (int i = 0; i < n; i++) {
                found[i] = !found[i];
            }
        }
        return Column.ofBools(found, nulls, n);
    }
}
