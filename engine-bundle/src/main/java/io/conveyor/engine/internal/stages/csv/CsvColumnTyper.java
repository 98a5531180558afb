package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.util.regex.Pattern;

/**
 * Infers the type of a CSV column from its text and builds the column. A column is
 * {@code long} when every value is an integer written the canonical way (no plus sign, no
 * leading zeros: "007" stays text, so it is written back as it was read), {@code double}
 * for decimal numbers written the same way, {@code bool} for true/false, else {@code string}. The type of a
 * column only widens across batches (long, then double, then string), as {@link Values#widen}
 * says; no value is ever dropped or made null.
 */
final class CsvColumnTyper {
    private static final Pattern LONG = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern DOUBLE = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private DataType current;

    /**
     * @param values the column's values in one batch; null for a null value
     * @param count how many
     * @return the column, typed as wide as this batch and every earlier one need
     */
    Column build(String[] values, int count) {
        DataType t = current;
        for (int i = 0; i < count && t != DataType.STRING; i++) {
            if (values[i] != null) {
                t = Values.widen(t, typeOf(values[i]));
            }
        }
        current = t;
        DataType type = t == null ? DataType.STRING : t;
        ColumnBuilder b = new ColumnBuilder(type, count);
        for (int i = 0; i < count; i++) {
            String v = values[i];
            if (v == null) {
                b.appendNull();
                continue;
            }
            switch (type) {
                case LONG: b.appendLong(Long.parseLong(v)); break;
                case DOUBLE: b.appendDouble(Double.parseDouble(v)); break;
                case BOOL: b.appendBool(v.equalsIgnoreCase("true")); break;
                default: b.appendObject(v);
            }
        }
        return b.build();
    }

    private static DataType typeOf(String v) {
        if (LONG.matcher(v).matches()) {
            try {
                Long.parseLong(v);
                return DataType.LONG;
            } catch (NumberFormatException e) {
                return DataType.STRING;
            }
        }
        if (DOUBLE.matcher(v).matches() && Double.isFinite(Double.parseDouble(v))) {
            return DataType.DOUBLE;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return DataType.BOOL;
        }
        return DataType.STRING;
    }
}
