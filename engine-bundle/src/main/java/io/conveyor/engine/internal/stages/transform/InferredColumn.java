package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;

/**
 * Types a column of plain values the way {@link io.conveyor.api.RowBatcher} types a source's:
 * the narrowest type holding every value, widened across batches and never narrowed again
 * (long, then double, then string; json once a nested value appears). A column with no
 * value yet is string.
 */
public final class InferredColumn {
    private DataType known;

    /**
     * @param values the values, plain Java; nulls allowed
     * @param rows how many of them
     * @return the column, of the type widened so far
     */
    public Column build(Object[] values, int rows) {
        for (int r = 0; r < rows; r++) {
            known = Values.widen(known, Values.typeOf(values[r]));
        }
        ColumnBuilder b = new ColumnBuilder(known == null ? DataType.STRING : known, rows);
        for (int r = 0; r < rows; r++) {
            b.append(values[r]);
        }
        return b.build();
    }

    /**
     * Like {@link #build(Object[], int)}, with each row's type given rather than read from its
     * value (a json value may be a bare number).
     *
     * @param values the values, plain Java of their row's type; nulls allowed
     * @param rowTypes the type of each value, null for a null
     * @param rows how many of them
     * @return the column, of the type widened so far
     */
    public Column build(Object[] values, DataType[] rowTypes, int rows) {
        for (int r = 0; r < rows; r++) {
            known = Values.widen(known, rowTypes[r]);
        }
        ColumnBuilder b = new ColumnBuilder(known == null ? DataType.STRING : known, rows);
        for (int r = 0; r < rows; r++) {
            b.append(known == DataType.JSON || values[r] == null ? values[r] : Values.convert(values[r], known));
        }
        return b.build();
    }
}
