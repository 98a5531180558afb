package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.json.JsonText;

/**
 * Converts a whole column to another type, value by value through
 * {@link io.conveyor.api.Values#convert} (by way of {@link ColumnBuilder#append}), so a value
 * is converted here exactly as a source converts it. A column already of the target type is
 * returned as it is.
 */
public final class ColumnConverter {
    private ColumnConverter() {
    }

    /** What to do with a value that does not convert. */
    public interface Failure {
        /**
         * @param row the row in the column
         * @param value the value as a plain Java value
         * @param error the converter's message, e.g. {@code cannot convert string 'x' to long}
         * @throws StageException to fail the stage; returning makes the value null
         */
        void at(int row, Object value, String error) throws StageException;
    }

    /**
     * @param column the column
     * @param type the target type
     * @param failure called for each value that does not convert (it is null in the result)
     * @return the converted column
     * @throws StageException if {@code failure} throws
     */
    public static Column convert(Column column, DataType type, Failure failure) throws StageException {
        if (column.type() == type) {
            return column;
        }
        int n = column.size();
        ColumnBuilder b = new ColumnBuilder(type, n);
        for (int r = 0; r < n; r++) {
            Object v = column.get(r);
            try {
                b.append(v);
            } catch (IllegalArgumentException e) {
                failure.at(r, v, e.getMessage());
                b.appendNull();
            }
        }
        return b.build();
    }

    /**
     * Casts a column the way a user means it: like {@link #convert}, except that text cast to
     * json is parsed as JSON text (as {@code source.csv} reads a column declared json), so
     * {@code "{\"a\":1}"} becomes an object and text that is not JSON fails, instead of being
     * kept as a JSON string.
     *
     * @param column the column
     * @param type the target type
     * @param failure called for each value that does not convert (it is null in the result)
     * @return the cast column
     * @throws StageException if {@code failure} throws
     */
    public static Column cast(Column column, DataType type, Failure failure) throws StageException {
        if (type != DataType.JSON || column.type() != DataType.STRING) {
            return convert(column, type, failure);
        }
        int n = column.size();
        ColumnBuilder b = new ColumnBuilder(type, n);
        for (int r = 0; r < n; r++) {
            Object v = column.get(r);
            try {
                b.append(JsonText.convert((String) v));
            } catch (IllegalArgumentException e) {
                failure.at(r, v, e.getMessage());
                b.appendNull();
            }
        }
        return b.build();
    }

    /**
     * Converts to a type at least as wide ({@link io.conveyor.api.Values#widen}), which never fails:
     * long to double, anything to string (its canonical text) or json.
     *
     * @param column the column
     * @param type a type that {@code Values.widen} gives for the column's type
     * @return the converted column
     */
    public static Column widen(Column column, DataType type) {
        try {
            return convert(column, type, (row, value, error) -> {
                throw new IllegalStateException("widening " + column.type().id() + " to " + type.id() + ": " + error);
            });
        } catch (StageException e) {
            throw new IllegalStateException(e);
        }
    }
}
