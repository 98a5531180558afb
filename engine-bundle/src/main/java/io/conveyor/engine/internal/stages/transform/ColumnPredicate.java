package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.StageException;
import io.conveyor.api.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A {@code column operator value} test compiled once for a column type and run over a whole
 * column vector at a time: the value is converted to the column's type up front, the loop
 * works on the column's primitive array. A null never satisfies a comparison, {@code !=}
 * included; {@code is_null} and {@code not_null} test for it.
 */
abstract class ColumnPredicate {
    /** The operators of {@code transform.filter}. */
    static final List<String> OPERATORS = List.of("==", "!=", ">", ">=", "<", "<=", "contains", "starts_with",
            "ends_with", "is_null", "not_null", "in");

    /**
     * @param col the column
     * @param keep set to whether each row passes; as long as the column at least
     */
    abstract void test(Column col, boolean[] keep);

    /**
     * @param column the column name, for messages
     * @param operator one of {@link #OPERATORS}
     * @param value the option {@code value}: a scalar, or a list for {@code in}
     * @param type the column's type in the batches at hand
     * @return the compiled test
     * @throws StageException if the value cannot be compared with a column of that type
     */
    static ColumnPredicate compile(String column, String operator, Object value, DataType type) throws StageException {
        if (operator.equals("is_null") || operator.equals("not_null")) {
            boolean wantNull = operator.equals("is_null");
            return new ColumnPredicate() {
                @Override
                void test(Column col, boolean[] keep) {
                    for (int i = 0; i < col.size(); i++) {
                        keep[i] = col.isNull(i) == wantNull;
                    }
                }
            };
        }
        boolean textOp = operator.equals("contains") || operator.equals("starts_with") || operator.equals("ends_with");
        if (textOp && type != DataType.STRING) {
            throw new StageException("operator '" + operator + "' needs a string column; column '" + column + "' is "
                    + type.id());
        }
        if (operator.equals("in")) {
            return in(column, (List<?>) value, type);
        }
        IntPredicate cmp = comparison(operator);
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: {
                Object v = convert(column, value, type);
                if (type == DataType.LONG && v instanceof Double) {
                    return doubles(cmp, (Double) v);
                }
                return longs(cmp, asLong(v));
            }
            case DOUBLE:
                return doubles(cmp, (Double) convert(column, value, DataType.DOUBLE));
            case BOOL: {
                if (!operator.equals("==") && !operator.equals("!=")) {
                    throw new StageException("operator '" + operator + "' cannot compare bool column '" + column
                            + "'; use == or !=");
                }
                boolean b = (Boolean) convert(column, value, DataType.BOOL);
                return objects(x -> cmp.test(Boolean.compare((Boolean) x, b)));
            }
            case STRING: {
                String s = Values.toText(value);
                switch (operator) {
                    case "contains": return objects(x -> ((String) x).contains(s));
                    case "starts_with": return objects(x -> ((String) x).startsWith(s));
                    case "ends_with": return objects(x -> ((String) x).endsWith(s));
                    // Equality needs no order: equals stops at the first differing length or byte.
                    case "==": return objects(s::equals);
                    case "!=": return objects(x -> !s.equals(x));
                    default: return objects(x -> cmp.test(Integer.signum(((String) x).compareTo(s))));
                }
            }
            default: {
                if (!operator.equals("==") && !operator.equals("!=")) {
                    throw new StageException("operator '" + operator + "' cannot compare json column '" + column
                            + "'; use ==, != (on its JSON text), is_null or not_null");
                }
                String s = Values.toText(value);
                return objects(x -> cmp.test(Values.toText(x).equals(s) ? 0 : 1));
            }
        }
    }

    private static IntPredicate comparison(String operator) {
        switch (operator) {
            case "==": return c -> c == 0;
            case "!=": return c -> c != 0;
            case ">": return c -> c > 0;
            case ">=": return c -> c >= 0;
            case "<": return c -> c < 0;
            default: return c -> c <= 0;
        }
    }

    /** Converts the filter value to the plain form of {@code type}; a long column accepts a fractional value as double. */
    private static Object convert(String column, Object value, DataType type) throws StageException {
        try {
            if (type == DataType.LONG && (value instanceof Double || value instanceof Float)
                    && ((Number) value).doubleValue() != Math.rint(((Number) value).doubleValue())) {
                return ((Number) value).doubleValue();
            }
            return Values.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new StageException("option 'value' " + Values.toText(value) + " cannot be compared with column '"
                    + column + "' of type " + type.id() + ": " + e.getMessage());
        }
    }

    private static long asLong(Object v) {
        if (v instanceof Instant) {
            return Values.microsOf((Instant) v);
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).toEpochDay();
        }
        return (Long) v;
    }

    private static ColumnPredicate longs(IntPredicate cmp, long x) {
        return new ColumnPredicate() {
            @Override
            void test(Column col, boolean[] keep) {
                long[] v = col.longData();
                boolean[] nulls = col.nullMask();
                for (int i = 0; i < col.size(); i++) {
                    keep[i] = (nulls == null || !nulls[i]) && cmp.test(Long.compare(v[i], x));
                }
            }
        };
    }

    private static ColumnPredicate doubles(IntPredicate cmp, double x) {
        return new ColumnPredicate() {
            @Override
            void test(Column col, boolean[] keep) {
                boolean[] nulls = col.nullMask();
                double[] d = col.doubleData();
                long[] l = col.longData();
                for (int i = 0; i < col.size(); i++) {
                    double v = d != null ? d[i] : l[i];
                    keep[i] = (nulls == null || !nulls[i]) && !Double.isNaN(v) && cmp.test(Double.compare(v, x));
                }
            }
        };
    }

    /** A test on the boxed values of any column, for bool, string and json. */
    private static ColumnPredicate objects(java.util.function.Predicate<Object> test) {
        return new ColumnPredicate() {
            @Override
            void test(Column col, boolean[] keep) {
                Object[] o = col.objectData();
                if (o != null) {
                    for (int i = 0; i < col.size(); i++) {
                        keep[i] = o[i] != null && test.test(o[i]);
                    }
                    return;
                }
                for (int i = 0; i < col.size(); i++) {
                    keep[i] = !col.isNull(i) && test.test(col.get(i));
                }
            }
        };
    }

    private static ColumnPredicate in(String column, List<?> values, DataType type) throws StageException {
        switch (type) {
            case LONG: case TIMESTAMP: case DATE: {
                long[] set = new long[values.size()];
                int n = 0;
                for (Object v : values) {
                    Object c = convert(column, v, type);
                    if (!(c instanceof Double)) {
                        set[n++] = asLong(c);
                    }
                }
                long[] sorted = Arrays.copyOf(set, n);
                Arrays.sort(sorted);
                return longs(c -> true, 0).and((col, i) -> Arrays.binarySearch(sorted, col.longData()[i]) >= 0);
            }
            case DOUBLE: {
                double[] sorted = new double[values.size()];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = (Double) convert(column, values.get(i), DataType.DOUBLE);
                }
                Arrays.sort(sorted);
                return doubles(c -> true, 0).and((col, i) -> Arrays.binarySearch(sorted, col.doubleData()[i]) >= 0);
            }
            default: {
                Set<String> set = new HashSet<>();
                for (Object v : values) {
                    set.add(type == DataType.BOOL ? String.valueOf(convert(column, v, type)) : Values.toText(v));
                }
                return objects(x -> set.contains(Values.toText(x)));
            }
        }
    }

    /** A row test over the raw column, for membership. */
    interface RowTest {
        boolean test(Column col, int row);
    }

    /** @return this test, narrowed by {@code more} for the rows it keeps */
    private ColumnPredicate and(RowTest more) {
        ColumnPredicate first = this;
        return new ColumnPredicate() {
            @Override
            void test(Column col, boolean[] keep) {
                first.test(col, keep);
                for (int i = 0; i < col.size(); i++) {
                    keep[i] = keep[i] && more.test(col, i);
                }
            }
        };
    }
}
